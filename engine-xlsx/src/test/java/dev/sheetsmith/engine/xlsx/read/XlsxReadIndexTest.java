package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read index answers exactly what the reader answers from the file: the same workbooks, from
 * several writers, read both ways and compared cell for cell, page by page, search by search.
 */
class XlsxReadIndexTest {

    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();
    private final XlsxReadIndex indexer = new XlsxReadIndex();

    @TempDir
    Path work;

    @Test
    void aPoiWorkbookReadsTheSameThroughItsIndex() throws IOException {
        byte[] file = poiWorkbook(true);
        WorkbookIndexer.Index index = index(file);
        assertSame(file, index, "Data", "Other");
        // a page crossing the blocks of rows, from the middle
        assertSameRead(file, index, "Data", CellRange.parse("B250:F790"), false, 300);
    }

    @Test
    void streamedInlineStringsReadTheSameThroughTheIndex() throws IOException {
        byte[] file;
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Big");
            for (int r = 0; r < 1500; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("name " + r);
                row.createCell(1).setCellValue(r * 1.5);
                row.createCell(3).setCellValue(r % 3 == 0);
            }
            wb.write(out);
            file = out.toByteArray();
        }
        WorkbookIndexer.Index index = index(file);
        assertSame(file, index, "Big");
        assertSameRead(file, index, "Big", CellRange.parse("A700:D1200"), false, 2000);
    }

    @Test
    void anExcelLikeWorkbookWithRichAndPhoneticSharedStringsReadsTheSame() throws IOException {
        byte[] file = ExcelLikeWorkbook.bytes();
        assertSame(file, index(file), "Data");
    }

    @Test
    void aWorkbookLibreOfficeWroteReadsTheSameThroughItsIndex() throws IOException {
        byte[] file = LibreOffice.toXlsx(poiWorkbook(false), work);
        WorkbookIndexer.Index index = index(file);
        assertSame(file, index, "Data", "Other");
    }

    @Test
    void aPageWithFormulasNobodyComputedIsLeftToTheFile() throws IOException {
        byte[] file = poiWorkbook(false);
        WorkbookIndexer.Index index = index(file);
        // nothing was evaluated before saving: the formula cells have no value, and only the file can compute them
        assertThat(index.read("Data", CellRange.parse("F2:F3"), false, 100)).isEmpty();
        assertThat(index.read("Data", CellRange.parse("F2:F3"), true, 100)).isPresent();
        assertThat(index.read("Data", CellRange.parse("A2:B3"), false, 100)).isPresent();
    }

    @Test
    void rowsOutOfOrderAreLeftToTheFile() throws IOException {
        byte[] file = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="600"><c r="A600"><v>5</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>""", "A2:A600"));
        WorkbookIndexer.Index index = index(file);
        assertThat(index.read("Data", null, false, 100)).isEmpty();
        assertThat(index.find(new WorkbookReader.Search(null, null, "5", false, false, 10))).isEmpty();
        assertThat(index.describe()).isEqualTo(reader.describe(new ByteArrayInputStream(file)));
    }

    @Test
    void unknownSheetsAreRefusedAsTheReaderRefusesThem() throws IOException {
        byte[] file = poiWorkbook(true);
        WorkbookIndexer.Index index = index(file);
        assertThatThrownBy(() -> index.read("Nope", null, false, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Nope' does not exist; the sheets are [Data, Other]");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(file), "Nope", null, false, 10))
                .hasMessage("sheet 'Nope' does not exist; the sheets are [Data, Other]");
        assertThat(index.read(" data ", CellRange.parse("A1:B2"), false, 10).orElseThrow())
                .isEqualTo(reader.read(new ByteArrayInputStream(file), " data ", CellRange.parse("A1:B2"), false, 10));
    }

    @Test
    void aDamagedOrForeignIndexIsRefusedNotMisread() {
        byte[] junk = "PK not an index at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> indexer.open(source(junk))).isInstanceOf(IOException.class);
    }

    /** describe, every page of each sheet (values and formulas), and searches: the same both ways. */
    private void assertSame(byte[] file, WorkbookIndexer.Index index, String... sheets) throws IOException {
        assertThat(index.describe()).isEqualTo(reader.describe(new ByteArrayInputStream(file)));
        for (String sheet : sheets) {
            for (boolean formulas : new boolean[] {false, true}) {
                for (int maxCells : new int[] {3, 1400}) {
                    CellRange range = null;
                    int pages = 0;
                    do {
                        RangeRead read = assertSameRead(file, index, sheet, range, formulas, maxCells);
                        range = read.nextRange();
                    } while (range != null && ++pages < (maxCells < 10 ? 3 : 400));
                }
            }
        }
        List<WorkbookReader.Search> searches = new ArrayList<>();
        String first = sheets[0];
        for (String text : List.of("a", "1", "TRUE", "#DIV/0!", "name 7", "2024", "Rich", "x")) {
            searches.add(new WorkbookReader.Search(null, null, text, false, false, 1000));
        }
        searches.add(new WorkbookReader.Search(first, CellRange.parse("B3:E600"), "1", false, false, 1000));
        searches.add(new WorkbookReader.Search(first, CellRange.parse("A300:G700"), "1", false, false, 5));
        searches.add(new WorkbookReader.Search(null, null, "Rich", true, false, 1000));
        searches.add(new WorkbookReader.Search(first, null, "true", false, true, 1000));
        searches.add(new WorkbookReader.Search(null, null, "e", false, false, 1));
        // case, whole cells, numbers as shown, dates, unicode (a Kelvin sign lowercases to ASCII 'k'), limits
        for (String text : List.of("ITEM", "Item 7", "item 7", "-3", "1.25", "2024-01", "2024-03-15T", "FALSE", "É",
                "\u00e9t\u00e9", "\u65e5", "\u212a", "TEXT", " ", "rich 10 text", "Label", "e", "0", "E")) {
            for (boolean matchCase : new boolean[] {false, true}) {
                for (boolean whole : new boolean[] {false, true}) {
                    for (int max : new int[] {1, 2, 1000}) {
                        searches.add(new WorkbookReader.Search(null, null, text, matchCase, whole, max));
                    }
                }
            }
            searches.add(new WorkbookReader.Search(first, CellRange.parse("A250:C520"), text, false, false, 1000));
            searches.add(new WorkbookReader.Search(first, CellRange.parse("G1:G900"), text, false, false, 3));
        }
        for (WorkbookReader.Search search : searches) {
            assertThat(index.find(search)).as("find %s", search)
                    .contains(reader.find(new ByteArrayInputStream(file), search));
        }
    }

    private RangeRead assertSameRead(byte[] file, WorkbookIndexer.Index index, String sheet, CellRange range,
            boolean formulas, int maxCells) throws IOException {
        RangeRead expected = reader.read(new ByteArrayInputStream(file), sheet, range, formulas, maxCells);
        Optional<RangeRead> indexed = index.read(sheet, range, formulas, maxCells);
        if (indexed.isEmpty()) {
            // left to the file only where the file computes formulas the writer left without a value
            assertThat(formulas).isFalse();
            assertThat(hasUnsavedFormula(file, sheet)).isTrue();
            return expected;
        }
        assertThat(indexed.get()).as("%s %s formulas=%s max=%d", sheet, range, formulas, maxCells)
                .isEqualTo(expected);
        return expected;
    }

    private boolean hasUnsavedFormula(byte[] file, String sheet) throws IOException {
        List<String> unevaluated = new ArrayList<>();
        RangeRead all = reader.read(new ByteArrayInputStream(file), sheet, null, true, 1_000_000);
        for (List<CellValue> row : all.rows()) {
            for (CellValue cell : row) {
                if (cell instanceof CellValue.Text t && t.value().startsWith("=")) {
                    unevaluated.add(t.value());
                }
            }
        }
        return !unevaluated.isEmpty();
    }

    private WorkbookIndexer.Index index(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        indexer.write(new ByteArrayInputStream(file), out);
        return indexer.open(source(out.toByteArray()));
    }

    private static WorkbookIndexer.Source source(byte[] bytes) {
        return (offset, length) -> new ByteArrayInputStream(bytes, (int) Math.min(offset, bytes.length),
                (int) Math.min(length, Math.max(0, bytes.length - offset)));
    }

    /**
     * Two sheets through POI's user model: text, numbers, dates and date-times by their style,
     * booleans, an error, rich text, a long text, formulas (with their values saved when
     * {@code evaluated}), hidden rows, an empty row, and 800 rows so pages cross blocks.
     */
    static byte[] poiWorkbook(boolean evaluated) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CreationHelper help = wb.getCreationHelper();
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle stamp = wb.createCellStyle();
            stamp.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            XSSFFont bold = wb.createFont();
            bold.setBold(true);
            Sheet data = wb.createSheet("Data");
            Row header = data.createRow(0);
            String[] names = {"Item", "Price", "When", "Stamp", "Flag", "Total", "Note"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int r = 1; r < 800; r++) {
                if (r == 400) {
                    continue; // an empty row
                }
                Row row = data.createRow(r);
                row.createCell(0).setCellValue("item " + r);
                row.createCell(1).setCellValue(r * 1.25 - 3);
                var when = row.createCell(2);
                when.setCellValue(LocalDate.of(2024, 1, 1).plusDays(r));
                when.setCellStyle(date);
                var at = row.createCell(3);
                at.setCellValue(LocalDateTime.of(2024, 3, 15, 8, 30).plusMinutes(r * 7L));
                at.setCellStyle(stamp);
                row.createCell(4).setCellValue(r % 2 == 0);
                row.createCell(5).setCellFormula(r % 50 == 0 ? "1/0" : "B" + (r + 1) + "*2");
                if (r % 10 == 0) {
                    XSSFRichTextString rich = new XSSFRichTextString("rich " + r + " text");
                    rich.applyFont(0, 4, bold);
                    row.createCell(6).setCellValue(rich);
                }
                if (r % 97 == 0) {
                    row.setZeroHeight(true);
                }
            }
            data.createRow(801).createCell(6).setCellValue("x".repeat(20_000) + " long");
            data.getRow(801).createCell(0).setCellValue("\u00c9t\u00c9 \u65e5\u672c KELVIN \u212a");
            data.getRow(801).createCell(1).setCellValue("\u65e5".repeat(17_000));
            Sheet other = wb.createSheet("Other");
            other.createRow(0).createCell(0).setCellValue("Label");
            other.createRow(2).createCell(1).setCellFormula("Data!B3+1");
            other.getRow(2).createCell(2).setCellFormula("\"a\"&\"b\"");
            other.createRow(3).createCell(3).setCellValue(-5);
            if (evaluated) {
                wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
