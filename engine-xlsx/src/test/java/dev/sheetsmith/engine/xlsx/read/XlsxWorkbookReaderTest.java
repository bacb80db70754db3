package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A workbook made with POI's user model (as Excel would), read by the streaming event reader. */
class XlsxWorkbookReaderTest {

    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();

    @Test
    void describeFindsUsedRangesHeaderTablesAndNames() throws IOException {
        WorkbookDescription d = reader.describe(new ByteArrayInputStream(sample()));
        assertThat(d.sheets()).extracting(WorkbookDescription.Sheet::name).containsExactly("Data", "Blank");
        WorkbookDescription.Sheet data = d.sheets().get(0);
        assertThat(data.usedRange().toA1()).isEqualTo("A1:D4");
        assertThat(data.headerRow()).containsExactly("Item", "Price", "When", "Total");
        assertThat(data.tables()).containsExactly("Prices");
        assertThat(d.sheets().get(1).usedRange()).isNull();
        assertThat(d.definedNames()).anySatisfy(n -> {
            assertThat(n.name()).isEqualTo("PriceList");
            assertThat(n.refersTo()).isEqualTo("Data!$B$2:$B$3");
        });
    }

    @Test
    void valuesKeepTypesSavedFormulaResultsAreUsedAndMissingOnesComputed() throws IOException {
        RangeRead read = reader.read(new ByteArrayInputStream(sample()), "Data", null, false, 100);
        assertThat(read.rows().get(1)).containsExactly(new CellValue.Text("Pen"), new CellValue.Number(1.5),
                new CellValue.Date(LocalDate.of(2024, 3, 1)), new CellValue.Number(99));
        // D3 has no saved value: computed by POI's evaluator, not guessed.
        assertThat(read.rows().get(2).get(3)).isEqualTo(new CellValue.Number(40));
        // D4 uses a function POI cannot compute and has no saved value: listed, left empty.
        assertThat(read.unevaluated()).containsExactly("D4");
        assertThat(read.rows().get(3).get(3)).isEqualTo(CellValue.EMPTY);
    }

    @Test
    void formulasModeShowsFormulaText() throws IOException {
        RangeRead read = reader.read(new ByteArrayInputStream(sample()), "Data", CellRange.parse("D2:D3"), true, 100);
        assertThat(read.rows()).containsExactly(java.util.List.of(new CellValue.Text("=B2*66")),
                java.util.List.of(new CellValue.Text("=B3*2")));
    }

    @Test
    void pagesFollowTheCellBudget() throws IOException {
        RangeRead first = reader.read(new ByteArrayInputStream(sample()), "data", null, false, 8);
        assertThat(first.range().toA1()).isEqualTo("A1:D2");
        assertThat(first.nextRange().toA1()).isEqualTo("A3:D4");
        RangeRead second = reader.read(new ByteArrayInputStream(sample()), "Data", first.nextRange(), false, 8);
        assertThat(second.nextRange()).isNull();
        assertThat(second.rows()).hasSize(2);
    }

    @Test
    void findAndUnknownSheets() throws IOException {
        assertThat(reader.find(new ByteArrayInputStream(sample()), new WorkbookReader.Search(null, null, "ink", false,
                false, 10))).extracting(WorkbookReader.Match::cell).containsExactly("A3");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(sample()), "Nope", null, false, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[Data, Blank]");
    }

    /** Data!A1:D4 with a table, a defined name, a date, and formulas with and without saved values. */
    private static byte[] sample() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("Data");
            wb.createSheet("Blank");
            String[] header = {"Item", "Price", "When", "Total"};
            XSSFRow h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            XSSFRow pen = sheet.createRow(1);
            pen.createCell(0).setCellValue("Pen");
            pen.createCell(1).setCellValue(1.5);
            XSSFCell when = pen.createCell(2);
            when.setCellValue(LocalDate.of(2024, 3, 1));
            when.setCellStyle(dateStyle);
            XSSFCell saved = pen.createCell(3);
            saved.setCellFormula("B2*66");
            saved.setCellValue(99); // the saved result Excel would have written
            XSSFRow ink = sheet.createRow(2);
            ink.createCell(0).setCellValue("Ink");
            ink.createCell(1).setCellValue(20);
            ink.createCell(3).setCellFormula("B3*2");
            XSSFCell unknown = sheet.createRow(3).createCell(3);
            unknown.setCellFormula("NOSUCHFUNCTION(B2)");
            sheet.createTable(new AreaReference("A1:D3", SpreadsheetVersion.EXCEL2007)).setDisplayName("Prices");
            XSSFName name = wb.createName();
            name.setNameName("PriceList");
            name.setRefersToFormula("Data!$B$2:$B$3");
            // Only D2 has a saved value.
            assertThat(ink.getCell(3).getCTCell().isSetV()).isFalse();
            assertThat(unknown.getCTCell().isSetV()).isFalse();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A negative number in a date format is no date: Excel shows #####; the reader keeps the number. */
    @Test
    void aNegativeNumberInADateFormatIsReadAsANumber() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFCell cell = wb.createSheet("S").createRow(0).createCell(0);
            cell.setCellValue(-1.0);
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            cell.setCellStyle(style);
            wb.write(out);
        }
        RangeRead read = reader.read(new ByteArrayInputStream(out.toByteArray()), "S", null, false, 10);
        assertThat(read.rows().get(0)).containsExactly(new CellValue.Number(-1.0));
    }

    @Test
    void cellReferencesOfEveryShapeLandWhereExcelPutsThem() throws IOException {
        // the plain ones are read without POI's CellReference; the others (absolute, padded, spaced) still with it
        java.util.List<String> refs = java.util.List.of("A1", "Z9", "AA10", "XFD12", "AB1048576", "$C$3", "D004",
                " E5 ");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            rows.append("<row><c r=\"").append(refs.get(i)).append("\"><v>").append(i).append("</v></c></row>");
        }
        byte[] file = dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook.zip(dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook
                .parts(rows.toString(), "A1:XFD1048576"));
        for (int i = 0; i < refs.size(); i++) {
            org.apache.poi.ss.util.CellReference at = new org.apache.poi.ss.util.CellReference(refs.get(i).strip());
            String expected = new org.apache.poi.ss.util.CellReference(at.getRow(), at.getCol()).formatAsString();
            assertThat(reader.find(new ByteArrayInputStream(file), new WorkbookReader.Search(null, null,
                    String.valueOf(i), false, true, 10))).as(refs.get(i))
                    .containsExactly(new WorkbookReader.Match("Data", expected, new CellValue.Number(i)));
        }
    }
}
