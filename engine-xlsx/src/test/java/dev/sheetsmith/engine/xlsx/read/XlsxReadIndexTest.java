package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetDetails;
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
    void searchesPassOverOnlyBlocksThatCannotHoldAMatch() throws IOException {
        // 3,000 rows (12 blocks): the rare values each in one block only, among common ones in every block
        String[] rare = {"Stra\u00dfe", "\u1e9eRASSE", "\u212aelvin", "\u0130stanbul", "\u0131s\u0131k",
                "\u039f\u0394\u039f\u03a3 \u03a7", "\u00c9t\u00c9", "\u65e5\u672c\u8a9e", "only here", "QuIcK",
                "\ud83d\ude00 smile"};
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CreationHelper help = wb.getCreationHelper();
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle stamp = wb.createCellStyle();
            stamp.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(help.createDataFormat().getFormat("0.00%"));
            Sheet sheet = wb.createSheet("Rare");
            Sheet second = wb.createSheet("Second");
            second.createRow(5).createCell(2).setCellValue("only here too");
            for (int r = 0; r < 3000; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("row " + r);
                row.createCell(1).setCellValue(r);
                int block = r / 256;
                if (r % 256 == 17 && block < rare.length) {
                    row.createCell(2).setCellValue(rare[block]);
                }
                if (r == 1234) {
                    row.createCell(3).setCellValue(1e20);
                    row.createCell(4).setCellValue(-98765.4321);
                    var p = row.createCell(5);
                    p.setCellValue(0.123456);
                    p.setCellStyle(percent);
                    var d = row.createCell(6);
                    d.setCellValue(LocalDate.of(1987, 6, 5));
                    d.setCellStyle(date);
                    var t = row.createCell(7);
                    t.setCellValue(LocalDateTime.of(1999, 12, 31, 23, 59));
                    t.setCellStyle(stamp);
                    row.createCell(8).setCellValue(true);
                    row.createCell(9).setCellFormula("\"form\"&\"ula shown\"");
                    row.createCell(10).setCellFormula("777777+1");
                }
                if (r == 2900) {
                    row.createCell(8).setCellValue(false);
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
            file = out.toByteArray();
        }
        WorkbookIndexer.Index index = index(file);
        List<String> texts = new ArrayList<>(List.of(rare));
        texts.addAll(List.of("strasse", "STRASSE", "stra\u00dfe", "\u00dfe", "kelvin", "KELVIN", "\u212aELVIN", "elvin",
                "istanbul", "\u0130STANBUL", "i\u0307stanbul", "stanbul", "ISIK", "\u0131s\u0131", "\u03bf\u03b4\u03bf\u03c2",
                "\u03bf\u03b4\u03bf\u03c3", "\u039f\u0394\u039f\u03a3", "\u03b4\u03bf\u03c2 \u03c7", "\u00e9t\u00e9", "\u00c9T\u00c9",
                "\u672c\u8a9e", "\u65e5", "\ud83d\ude00", "\ud83d\ude00 s", "ONLY HERE", "only here", "nly h", "quick", "QUICK",
                "1.0E20", "1.0e20", "0E2", "-98765.4321", "98765", "-9876", "0.123456", "0.12", "12345", "1987-06-05",
                "1987-06", "7-06", "1999-12-31 23:59", "31 23", "23:59", "TRUE", "true", "rue", "FALSE", "alse",
                "formula shown", "ula sh", "777778", "7777", "row 2999", "row 29", "row 1", "ow 1", "row", "ro", "r",
                "2999", "299", "29", "9", "e", "ss", "\u00df", "\u212a", "x", "zzz", "zzzz", "row 3000", "w 12"));
        List<WorkbookReader.Search> searches = new ArrayList<>();
        for (String text : texts) {
            for (boolean matchCase : new boolean[] {false, true}) {
                for (boolean whole : new boolean[] {false, true}) {
                    searches.add(new WorkbookReader.Search(null, null, text, matchCase, whole, 1000));
                }
                searches.add(new WorkbookReader.Search(null, null, text, matchCase, false, 1));
            }
            searches.add(new WorkbookReader.Search("Rare", CellRange.parse("A1000:K2000"), text, false, false, 1000));
        }
        int matched = 0;
        for (WorkbookReader.Search search : searches) {
            List<WorkbookReader.Match> expected = reader.find(new ByteArrayInputStream(file), search);
            assertThat(index.find(search)).as("find %s", search).contains(expected);
            matched += expected.isEmpty() ? 0 : 1;
        }
        assertThat(matched).as("most searches find something").isGreaterThan(searches.size() / 2);
        // and the summaries do pass over blocks: a text one block holds is looked for in that one (or few)
        var opened = (XlsxReadIndex.Opened) index;
        assertThat(opened.blocksSearched(new WorkbookReader.Search("Rare", null, "only here", false, false, 10)))
                .isLessThanOrEqualTo(2);
        assertThat(opened.blocksSearched(new WorkbookReader.Search("Rare", null, "1.0e20", false, false, 10)))
                .isLessThanOrEqualTo(2);
        assertThat(opened.blocksSearched(new WorkbookReader.Search("Rare", null, "row 2999", false, false, 10)))
                .isLessThanOrEqualTo(2);
        assertThat(opened.blocksSearched(new WorkbookReader.Search("Rare", null, "ro", false, false, 10)))
                .isEqualTo(12);
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

    @Test
    void aSheetWithEveryKindOfObjectDescribesTheSameFromItsIndex() throws IOException {
        byte[] file = objectsWorkbook();
        WorkbookIndexer.Index index = index(file);
        assertSameDetails(file, index, "Data", "Other");
        var details = index.describeSheet("Data").orElseThrow();
        // the index answers from a copy without cells: what it copied must still be there
        assertThat(details.charts()).hasSize(1);
        assertThat(details.tables()).extracting(SheetDetails.Table::name).containsExactly("Sales");
        assertThat(details.notes()).extracting(SheetDetails.Note::cell).containsExactly("B2");
        assertThat(details.hiddenRows()).contains("5");
        assertThat(details.rowHeights()).containsKey("3");
        assertThat(details.otherObjects()).anyMatch(o -> o.startsWith("picture"));
        assertThat(details.validations()).hasSize(1);
        assertThat(details.conditionalFormats()).hasSize(1);
        assertThat(details.usedRange()).isEqualTo("A1:E300");
        // and the sheet argument is matched as the file path matches it
        assertThat(index.describeSheet(" data ")).contains(details);
        assertThat(index.describeSheet(null)).contains(details);
        assertThatThrownBy(() -> index.describeSheet("Nope")).isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Nope' does not exist; the sheets are [Data, Other]");
        assertThatThrownBy(() -> reader.describeSheet(new ByteArrayInputStream(file), "Nope"))
                .hasMessage("sheet 'Nope' does not exist; the sheets are [Data, Other]");
    }

    @Test
    void aSheetWithObjectsLibreOfficeWroteDescribesTheSameFromItsIndex() throws IOException {
        byte[] file = LibreOffice.toXlsx(objectsWorkbook(), work);
        assertSameDetails(file, index(file), "Data", "Other");
    }

    private void assertSameDetails(byte[] file, WorkbookIndexer.Index index, String... sheets) throws IOException {
        for (String sheet : sheets) {
            assertThat(index.describeSheet(sheet)).as("describe_sheet %s", sheet)
                    .contains(reader.describeSheet(new ByteArrayInputStream(file), sheet));
        }
    }

    /**
     * What describe_sheet reports, all on one sheet: merges, a frozen pane, widths, a hidden column,
     * hidden rows and custom heights, a filter, a tab colour, a print area, landscape, a table, a
     * chart, a validation, a conditional format, a note and a picture; and empty styled cells past
     * the values (the user model counts them in the used range).
     */
    static byte[] objectsWorkbook() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Data");
            for (int r = 0; r < 300; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 4; c++) {
                    if (r == 0) {
                        row.createCell(c).setCellValue("H" + c);
                    } else {
                        row.createCell(c).setCellValue(r * 10 + c);
                    }
                }
                if (r == 3 || r == 4) {
                    row.setZeroHeight(r == 4);
                }
                if (r == 2 || r == 250) {
                    row.setHeightInPoints(30);
                }
            }
            sheet.getRow(299).createCell(4).setCellStyle(wb.createCellStyle()); // an empty styled cell
            sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A290:B291"));
            sheet.createFreezePane(1, 1);
            sheet.setColumnWidth(0, 20 * 256);
            sheet.setColumnHidden(3, true);
            sheet.setAutoFilter(org.apache.poi.ss.util.CellRangeAddress.valueOf("A1:D300"));
            sheet.setTabColor(new org.apache.poi.xssf.usermodel.XSSFColor(new byte[] {(byte) 255, 0, 0}, null));
            wb.setPrintArea(0, "A1:D50");
            sheet.getPrintSetup().setLandscape(true);
            var table = sheet.createTable(new org.apache.poi.ss.util.AreaReference("A1:C20",
                    org.apache.poi.ss.SpreadsheetVersion.EXCEL2007));
            table.setName("Sales");
            table.setDisplayName("Sales");
            var dv = sheet.getDataValidationHelper();
            sheet.addValidationData(dv.createValidation(dv.createIntegerConstraint(
                    org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType.BETWEEN, "0", "100"),
                    new org.apache.poi.ss.util.CellRangeAddressList(1, 20, 1, 1)));
            var cf = sheet.getSheetConditionalFormatting();
            cf.addConditionalFormatting(new org.apache.poi.ss.util.CellRangeAddress[] {
                org.apache.poi.ss.util.CellRangeAddress.valueOf("B2:B20")},
                    cf.createConditionalFormattingRule(org.apache.poi.ss.usermodel.ComparisonOperator.GT, "50"));
            var drawing = sheet.createDrawingPatriarch();
            var anchor = drawing.createAnchor(0, 0, 0, 0, 1, 1, 3, 3);
            var comment = drawing.createCellComment(anchor);
            comment.setString(new XSSFRichTextString("check this"));
            comment.setAuthor("Ann");
            sheet.getRow(1).getCell(1).setCellComment(comment);
            var chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 6, 1, 12, 15));
            chart.setTitleText("Trend");
            var xs = org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory.fromStringCellRange(sheet,
                    org.apache.poi.ss.util.CellRangeAddress.valueOf("A2:A10"));
            var ys = org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    org.apache.poi.ss.util.CellRangeAddress.valueOf("B2:B10"));
            var data = chart.createData(org.apache.poi.xddf.usermodel.chart.ChartTypes.LINE,
                    chart.createCategoryAxis(org.apache.poi.xddf.usermodel.chart.AxisPosition.BOTTOM),
                    chart.createValueAxis(org.apache.poi.xddf.usermodel.chart.AxisPosition.LEFT));
            data.addSeries(xs, ys).setTitle("B", null);
            chart.plot(data);
            int png = wb.addPicture(PNG, org.apache.poi.ss.usermodel.Workbook.PICTURE_TYPE_PNG);
            drawing.createPicture(drawing.createAnchor(0, 0, 0, 0, 14, 2, 16, 6), png);
            var other = wb.createSheet("Other");
            other.createRow(0).createCell(0).setCellValue("just text");
            other.createRow(7); // a row without cells
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A 1x1 PNG. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /** describe, describe_sheet, every page of each sheet (values and formulas), and searches: the same both ways. */
    private void assertSame(byte[] file, WorkbookIndexer.Index index, String... sheets) throws IOException {
        assertThat(index.describe()).isEqualTo(reader.describe(new ByteArrayInputStream(file)));
        assertSameDetails(file, index, sheets);
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
