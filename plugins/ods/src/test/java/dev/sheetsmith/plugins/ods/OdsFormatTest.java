package dev.sheetsmith.plugins.ods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.odftoolkit.odfdom.doc.OdfSpreadsheetDocument;
import org.odftoolkit.odfdom.doc.table.OdfTable;

/** Written with SODS, read back with the ODF Toolkit (another library) and with the plugin itself. */
class OdsFormatTest {

    private static final List<List<CellValue>> ROWS = List.of(
            List.of(new CellValue.Text("Ada"), new CellValue.Number(36.5), new CellValue.Bool(true),
                    new CellValue.Date(LocalDate.of(2024, 3, 1)), new CellValue.DateTime(LocalDateTime.of(2024, 3, 1,
                            9, 30))),
            List.of(new CellValue.Text("Linus"), new CellValue.Number(54)));

    @Test
    void everyCellTypeIsReadBackByTheOdfToolkit() throws Exception {
        byte[] bytes = write(SheetView.of("People", List.of("Name", "Age", "Active", "Joined", "At"), ROWS),
                SheetView.of("Other", List.of("x"), List.of()));
        try (OdfSpreadsheetDocument doc = OdfSpreadsheetDocument.loadDocument(new ByteArrayInputStream(bytes))) {
            assertThat(doc.getTableList()).extracting(OdfTable::getTableName).containsExactly("People", "Other");
            OdfTable people = doc.getTableByName("People");
            assertThat(people.getCellByPosition(0, 0).getStringValue()).isEqualTo("Name");
            assertThat(people.getCellByPosition(0, 1).getStringValue()).isEqualTo("Ada");
            assertThat(people.getCellByPosition(1, 1).getValueType()).isEqualTo("float");
            assertThat(people.getCellByPosition(1, 1).getDoubleValue()).isEqualTo(36.5);
            assertThat(people.getCellByPosition(2, 1).getValueType()).isEqualTo("boolean");
            assertThat(people.getCellByPosition(2, 1).getBooleanValue()).isTrue();
            assertThat(people.getCellByPosition(3, 1).getValueType()).isEqualTo("date");
            assertThat(people.getCellByPosition(3, 1).getDateValue().get(java.util.Calendar.YEAR)).isEqualTo(2024);
            assertThat(people.getCellByPosition(1, 2).getDoubleValue()).isEqualTo(54.0);
        }
    }

    @Test
    void thePackageStartsWithAnUncompressedMimetypeAsOdfRequires() throws Exception {
        byte[] bytes = write(SheetView.of("S", List.of("a"), List.of()));
        assertThat(new String(bytes, 30, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("mimetype");
        assertThat(new String(bytes, 38, 46, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
    }

    @Test
    void thePluginReadsWhatItWrote() throws Exception {
        byte[] bytes = write(SheetView.of("People", List.of("Name", "Age", "Active", "Joined", "At"), ROWS));
        SheetView sheet = new OdsFormat().read(new ByteArrayInputStream(bytes)).sheets().get(0);
        assertThat(sheet.headers()).containsExactly("Name", "Age", "Active", "Joined", "At");
        List<CellValue> ada = sheet.rows().toList().get(0);
        assertThat(ada.subList(0, 5)).containsExactly(new CellValue.Text("Ada"), new CellValue.Number(36.5),
                new CellValue.Bool(true), new CellValue.Date(LocalDate.of(2024, 3, 1)),
                new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)));
        assertThat(ServiceLoader.load(FormatPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(OdsFormat.class);
    }

    private static byte[] write(SheetView... sheets) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OdsFormat().write(WorkbookView.of(List.of(sheets)), out);
        return out.toByteArray();
    }
}
