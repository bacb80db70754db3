package dev.sheetsmith.engine.xlsx.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.poi.CellWriter;
import dev.sheetsmith.ports.out.SpiCells;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct writer against what POI's streaming writer made of the same values before (the
 * reference, built here the old way), read back by POI, as raw XML and by LibreOffice.
 */
class PlainXlsxWriterTest {

    @TempDir
    Path work;

    private static final List<List<CellValue>> VARIED = List.of(
            List.of(num(0), num(-0.0), num(1), num(-42), num(10_000_000), num(123456789012345d), num(1e15), num(1e20)),
            List.of(num(0.1), num(-2.5e-7), num(Double.MAX_VALUE), num(Double.MIN_VALUE), num(1.0 / 3), num(4503599627370497d),
                    num(-1e-300), num(99999.99)),
            List.of(text("a & b < c > d"), text(" lead"), text("trail "), text("line\nbreak"), text("cr\r\nlf"),
                    text("tab\there"), text("_x0041_ stays"), text("emoji 😀 ü € 中")),
            List.of(new CellValue.Bool(true), new CellValue.Bool(false), CellValue.EMPTY, text(""),
                    new CellValue.Date(LocalDate.of(1900, 3, 1)), new CellValue.Date(LocalDate.of(2024, 2, 29)),
                    new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 12, 34, 56)),
                    new CellValue.DateTime(LocalDateTime.of(9999, 12, 31, 23, 59, 59))),
            List.of(),
            List.of(CellValue.EMPTY, CellValue.EMPTY, text("\"quoted\" 'single'")),
            List.of(text("x".repeat(32_767)), text("<![CDATA[not cdata]]>"), text("&amp; stays"), text("ÿ\u0080"),
                    text("\u2028 separator"), text("   "), num(7), num(8)));

    @Test
    void writesWhatPoisStreamingWriterWroteCellForCell() throws Exception {
        WorkbookView book = WorkbookView.of(List.of(
                SheetView.of("Data & <more>", List.of("n", "", "wide header text", "d"), VARIED),
                SheetView.of("No header", List.of(), List.of(List.of(text("only"), num(2)))),
                SheetView.of("Dates'first", List.of(), List.of(List.of(new CellValue.Date(LocalDate.of(2020, 1, 2))),
                        List.of(text("t"))))));
        byte[] ours = write(book);
        byte[] reference = referenceSxssf(book);

        try (XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(ours));
                XSSFWorkbook b = new XSSFWorkbook(new ByteArrayInputStream(reference))) {
            assertThat(a.getNumberOfSheets()).isEqualTo(3);
            for (int s = 0; s < 3; s++) {
                Sheet x = a.getSheetAt(s);
                Sheet y = b.getSheetAt(s);
                assertThat(x.getSheetName()).isEqualTo(y.getSheetName());
                assertThat(x.getLastRowNum()).as(x.getSheetName()).isEqualTo(y.getLastRowNum());
                assertThat(x.getPaneInformation() == null).isEqualTo(y.getPaneInformation() == null);
                if (y.getPaneInformation() != null) {
                    assertThat(x.getPaneInformation().getHorizontalSplitPosition())
                            .isEqualTo(y.getPaneInformation().getHorizontalSplitPosition());
                    assertThat(x.getPaneInformation().isFreezePane()).isTrue();
                }
                for (int c = 0; c < 8; c++) {
                    assertThat(x.getColumnWidth(c)).as("width of column %d on %s", c, x.getSheetName())
                            .isEqualTo(y.getColumnWidth(c));
                }
                for (int r = 0; r <= y.getLastRowNum(); r++) {
                    Row rx = x.getRow(r);
                    Row ry = y.getRow(r);
                    assertThat(rx == null).as("row %d", r).isEqualTo(ry == null);
                    if (ry == null) {
                        continue;
                    }
                    assertThat(rx.getLastCellNum()).as("row %d", r).isEqualTo(ry.getLastCellNum());
                    for (int c = 0; c < ry.getLastCellNum(); c++) {
                        sameCell((XSSFCell) rx.getCell(c), (XSSFCell) ry.getCell(c), x.getSheetName() + "!" + r + ":" + c);
                    }
                }
            }
            assertThat(a.getActiveSheetIndex()).isZero();
        }

        String sheet = part(ours, "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<dimension ref=\"A1:H8\"/>")
                .contains("<c r=\"A2\" t=\"n\"><v>0.0</v></c><c r=\"B2\" t=\"n\"><v>-0.0</v></c>")
                .contains("<t xml:space=\"preserve\"> lead</t>")
                .contains("<t>cr&#13;\nlf</t>")
                .contains("<t>_x005F_x0041_ stays</t>")
                .contains("<t>&amp;amp; stays</t>")
                .doesNotContain("s=\"0\"");
        assertThat(part(ours, "xl/workbook.xml")).contains("name=\"Data &amp; &lt;more&gt;\"")
                .contains("name=\"Dates'first\"");
        // the date style of sheet 3 is numbered after the header and date styles of sheet 1
        assertThat(part(ours, "xl/styles.xml")).contains("<cellXfs count=\"4\">");
        assertThat(RawSheet.cells(ours, "Data & <more>")).containsEntry("H2", "n:1.0E20").containsEntry("A5", "b:1")
                .containsEntry("H3", "n:99999.99");
    }

    @Test
    void libreOfficeShowsTheSameAsForTheOldWriter() throws Exception {
        // the second sheet is large enough to be compressed on the second thread, in three joined segments
        List<List<CellValue>> many = IntStream.range(0, 40_000)
                .mapToObj(r -> List.<CellValue>of(num(r), text("row " + r + " & more"), num(r / 7.0))).toList();
        WorkbookView book = WorkbookView.of(List.of(SheetView.of("Data", List.of("n", "t", "b", "d"), VARIED),
                SheetView.of("Many", List.of("a", "b", "c"), many)));
        byte[] written = write(book);
        assertThat(part(written, "xl/worksheets/sheet2.xml").length()).isGreaterThan(DeflatedSheet.THREAD_AT);
        Map<String, byte[]> ours = LibreOffice.convert(written, "csv", Files.createDirectory(work.resolve("a")));
        Map<String, byte[]> reference = LibreOffice.convert(referenceSxssf(book), "csv",
                Files.createDirectory(work.resolve("b")));
        assertThat(ours).hasSize(2).hasSameSizeAs(reference);
        for (String name : reference.keySet()) {
            assertThat(new String(ours.get(name), StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(new String(reference.get(name), StandardCharsets.UTF_8));
        }
        String all = new String(ours.values().stream().reduce(new byte[0], (x, y) -> {
            byte[] both = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, both, x.length, y.length);
            return both;
        }), StandardCharsets.UTF_8);
        assertThat(all).contains("a & b < c > d").contains("emoji 😀 ü € 中").contains("2024-02-29")
                .contains("row 39999 & more");
    }

    @Test
    void aLargeSheetIsCompressedWhileItIsWritten() throws Exception {
        int rows = 60_000;
        SheetView big = new SheetView() {
            @Override
            public String name() {
                return "Big";
            }

            @Override
            public List<String> headers() {
                return List.of("id", "name", "value", "flag");
            }

            @Override
            public int columnCount() {
                return 4;
            }

            @Override
            public Stream<List<CellValue>> rows() {
                return IntStream.range(0, rows).mapToObj(r -> List.of(num(r), text("name " + r + " <&>"), num(r * 0.25),
                        new CellValue.Bool(r % 2 == 0)));
            }

            @Override
            public boolean mayHoldFormulas() {
                return false;
            }
        };
        byte[] ours = write(WorkbookView.of(List.of(big)));
        String xml = part(ours, "xl/worksheets/sheet1.xml");
        assertThat(xml.length()).as("compressed on the second thread").isGreaterThan(DeflatedSheet.THREAD_AT);
        assertThat(xml).contains("<dimension ref=\"A1:D" + (rows + 1) + "\"/>")
                .endsWith("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\""
                        + " footer=\"0.3\"/></worksheet>");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(ours))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(rows);
            assertThat(s.getRow(rows).getCell(1).getStringCellValue()).isEqualTo("name " + (rows - 1) + " <&>");
            assertThat(s.getRow(12_345).getCell(2).getNumericCellValue()).isEqualTo(12_344 * 0.25);
            assertThat(s.getRow(8).getCell(3).getBooleanCellValue()).isFalse();
        }
    }

    @Test
    void aBadCellFarIntoALargeSheetStopsTheCompressorAndLeavesNoFile() throws Exception {
        int rows = 80_000;
        SheetView bad = new SheetView() {
            @Override
            public String name() {
                return "Big";
            }

            @Override
            public List<String> headers() {
                return List.of("id", "name");
            }

            @Override
            public int columnCount() {
                return 2;
            }

            @Override
            public Stream<List<CellValue>> rows() {
                return IntStream.range(0, rows).mapToObj(r -> List.of(num(r),
                        text(r == rows - 1 ? "bell \u0007" : "name " + r + " padding padding padding padding")));
            }
        };
        List<Path> before = spills();
        assertThatThrownBy(() -> write(WorkbookView.of(List.of(bad)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'Big', cell B" + (rows + 1));
        assertThat(spills()).isEqualTo(before);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sheetsmith-deflate"));
    }

    @Test
    void theCrcOfJoinedSegmentsIsTheCrcOfTheWhole() {
        java.util.Random random = new java.util.Random(7);
        for (int[] lengths : new int[][] {{0, 0}, {5, 0}, {0, 9}, {1, 1}, {1000, 3}, {65_537, 1_000_001}, {3, 4_000_000}}) {
            byte[] a = new byte[lengths[0]];
            byte[] b = new byte[lengths[1]];
            random.nextBytes(a);
            random.nextBytes(b);
            java.util.zip.CRC32 whole = new java.util.zip.CRC32();
            whole.update(a);
            whole.update(b);
            java.util.zip.CRC32 first = new java.util.zip.CRC32();
            first.update(a);
            java.util.zip.CRC32 second = new java.util.zip.CRC32();
            second.update(b);
            assertThat(DeflatedSheet.Crc32.combine(first.getValue(), second.getValue(), b.length))
                    .as("%d then %d bytes", a.length, b.length).isEqualTo(whole.getValue());
        }
    }

    @Test
    void textACellCannotHoldIsRefusedNamingItsSheetAndCell() {
        WorkbookView control = WorkbookView.of(List.of(SheetView.of("S", List.of("h"),
                List.of(List.of(text("fine")), List.of(CellValue.EMPTY, text("bell \u0007"))))));
        assertThatThrownBy(() -> write(control)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'S', cell B3").hasMessageContaining("U+0007");
        WorkbookView tooLong = WorkbookView.of(List.of(SheetView.of("S", List.of("x".repeat(32_768)), List.of())));
        assertThatThrownBy(() -> write(tooLong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'S', cell A1").hasMessageContaining("32767");
        WorkbookView halfPair = WorkbookView.of(List.of(SheetView.of("S", List.of(), List.of(List.of(text("a\uD800"))))));
        assertThatThrownBy(() -> write(halfPair)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'S', cell A1");
        WorkbookView twice = WorkbookView.of(List.of(SheetView.of("S", List.of(), List.of()),
                SheetView.of("s", List.of(), List.of())));
        assertThatThrownBy(() -> write(twice)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s'");
    }

    @Test
    void anEmptySheetIsAValidWorkbook() throws Exception {
        byte[] ours = write(WorkbookView.of(List.of(SheetView.of("Empty", List.of(), List.of()))));
        assertThat(part(ours, "xl/worksheets/sheet1.xml")).contains("<dimension ref=\"A1\"/>").doesNotContain("<cols>");
        assertThat(part(ours, "xl/styles.xml")).contains("<cellXfs count=\"1\">").doesNotContain("numFmts");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(ours))) {
            assertThat(wb.getSheetAt(0).getPhysicalNumberOfRows()).isZero();
        }
        assertThat(first(ours)).isEqualTo("[Content_Types].xml");
    }

    private static void sameCell(XSSFCell x, XSSFCell y, String where) {
        assertThat(x == null).as(where).isEqualTo(y == null);
        if (y == null) {
            return;
        }
        assertThat(x.getCellType()).as(where).isEqualTo(y.getCellType());
        switch (y.getCellType()) {
            case NUMERIC -> assertThat(Double.doubleToRawLongBits(x.getNumericCellValue())).as(where)
                    .isEqualTo(Double.doubleToRawLongBits(y.getNumericCellValue()));
            case STRING -> assertThat(x.getStringCellValue()).as(where).isEqualTo(y.getStringCellValue());
            case BOOLEAN -> assertThat(x.getBooleanCellValue()).as(where).isEqualTo(y.getBooleanCellValue());
            default -> { }
        }
        assertThat(x.getCellStyle().getDataFormatString()).as(where).isEqualTo(y.getCellStyle().getDataFormatString());
        assertThat(x.getCellStyle().getFont().getBold()).as(where).isEqualTo(y.getCellStyle().getFont().getBold());
    }

    /** What XlsxFiles wrote before this writer: POI's streaming writer, cells set by CellWriter. */
    private static byte[] referenceSxssf(WorkbookView book) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        try {
            CellWriter cells = new CellWriter(wb);
            for (SheetView view : book.sheets()) {
                Sheet sheet = wb.createSheet(view.name());
                int[] widths = new int[16];
                int r = 0;
                if (!view.headers().isEmpty()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < view.headers().size(); c++) {
                        cells.headerText(row.createCell(c), view.headers().get(c), view.name());
                        widths[c] = Math.max(widths[c], view.headers().get(c).length() + 2);
                    }
                    sheet.createFreezePane(0, 1);
                }
                List<List<CellValue>> rows = view.rows().toList();
                for (List<CellValue> values : rows) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        CellValue value = values.get(c);
                        if (value instanceof CellValue.Empty) {
                            continue;
                        }
                        cells.set(row.createCell(c), SpiCells.toDomain(value), view.name());
                        widths[c] = Math.max(widths[c], XlsxFiles.displayWidth(value));
                    }
                }
                for (int c = 0; c < view.columnCount(); c++) {
                    sheet.setColumnWidth(c, Math.min(60, Math.max(6, widths[c] + 1)) * 256);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private static List<Path> spills() throws IOException {
        List<Path> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "sheetsmith-sheet-*")) {
            files.forEach(found::add);
        }
        return found;
    }

    private static byte[] write(WorkbookView book) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PlainXlsxWriter.write(book, out);
        return out.toByteArray();
    }

    private static String first(byte[] xlsx) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            return zip.getNextEntry().getName();
        }
    }

    static String part(byte[] xlsx, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in the workbook");
    }

    private static CellValue num(double d) {
        return new CellValue.Number(d);
    }

    private static CellValue text(String s) {
        return new CellValue.Text(s);
    }
}
