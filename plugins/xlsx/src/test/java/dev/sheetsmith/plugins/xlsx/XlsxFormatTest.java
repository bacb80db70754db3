package dev.sheetsmith.plugins.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.ports.spi.FormatPlugin;
import dev.sheetsmith.ports.spi.SheetView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Written by the plugin (streaming SXSSF, or XSSF with formulas), read back with POI's user model. */
class XlsxFormatTest {

    private final XlsxFormat format = new XlsxFormat();

    @Test
    void everyCellTypeRoundTripsWithABoldFrozenHeader() throws IOException {
        List<List<CellValue>> rows = List.of(
                List.of(new CellValue.Text("Ada"), new CellValue.Number(36), new CellValue.Bool(true),
                        new CellValue.Date(LocalDate.of(2024, 3, 1)),
                        new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)), CellValue.EMPTY),
                List.of(new CellValue.Text("a much longer name than the header"), new CellValue.Number(2.5)));
        try (XSSFWorkbook wb = roundTrip(sheet("People", List.of("Name", "Age", "Active", "Joined", "At", "Note"), rows),
                sheet("Second", List.of(), List.of(List.of(new CellValue.Number(1)))))) {
            assertThat(wb.getSheetName(0)).isEqualTo("People");
            assertThat(wb.getSheetName(1)).isEqualTo("Second");
            Sheet people = wb.getSheet("People");
            assertThat(people.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(wb.getFontAt(people.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(people.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            var ada = people.getRow(1);
            assertThat(ada.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(ada.getCell(2).getBooleanCellValue()).isTrue();
            assertThat(DateUtil.isCellDateFormatted(ada.getCell(3))).isTrue();
            assertThat(ada.getCell(3).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
            assertThat(ada.getCell(4).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 3, 1, 9, 30));
            assertThat(ada.getCell(5)).isNull();
            assertThat(people.getColumnWidth(0)).isGreaterThan(people.getColumnWidth(1));
            assertThat(wb.getSheet("Second").getPaneInformation()).isNull();
        }
    }

    @Test
    void formulasAreWrittenWithTheirComputedValues() throws IOException {
        try (XSSFWorkbook wb = roundTrip(sheet("S", List.of("a", "b", "sum"), List.of(List.of(new CellValue.Number(2),
                new CellValue.Number(3), new CellValue.Formula("A2+B2")))))) {
            var cell = wb.getSheetAt(0).getRow(1).getCell(2);
            assertThat(cell.getCellType()).isEqualTo(CellType.FORMULA);
            assertThat(cell.getCellFormula()).isEqualTo("A2+B2");
            assertThat(cell.getNumericCellValue()).isEqualTo(5.0);
        }
    }

    @Test
    void aLargeSheetStreamsAndItsLastRowReadsBack() throws IOException {
        List<List<CellValue>> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(List.of(new CellValue.Number(i), new CellValue.Text("row " + i)));
        }
        try (XSSFWorkbook wb = roundTrip(sheet("Big", List.of("n", "text"), rows))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(50_000);
            assertThat(wb.getSheetAt(0).getRow(50_000).getCell(1).getStringCellValue()).isEqualTo("row 49999");
        }
    }

    @Test
    void thePluginIsFoundThroughServiceLoaderAndNamesItself() {
        List<FormatPlugin> plugins = ServiceLoader.load(FormatPlugin.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertThat(plugins).anySatisfy(p -> assertThat(p).isInstanceOf(XlsxFormat.class));
        assertThat(format.id()).isEqualTo("xlsx");
        assertThat(format.extension()).isEqualTo("xlsx");
        assertThat(format.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(format.spiVersion()).isEqualTo(FormatPlugin.SPI_VERSION);
    }

    private XSSFWorkbook roundTrip(SheetView... sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(() -> List.of(sheets), out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static SheetView sheet(String name, List<String> headers, List<List<CellValue>> rows) {
        return SheetView.of(name, headers, rows);
    }

    @Test
    void aFormulaExcelWouldRefuseIsAnErrorNamingItsCell() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> roundTrip(sheet("S", List.of("a"),
                List.of(List.of(new CellValue.Formula("SUM((")))))).hasMessageContaining("sheet 'S', cell A2");
    }
}
