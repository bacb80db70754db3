package dev.sheetsmith.engine.xlsx.edit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.edit.BothPaths;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import dev.sheetsmith.ports.out.SpiCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * format_range on the stream against the user model's path ({@link BothPaths}: cells with their
 * style index, dimension, calculation flag, read as raw XML), and more: styles.xml must come out
 * byte for byte as the user model writes it (so no style, font, fill, border or number format is
 * added twice or missed), the rows' own styles must match, every part but the sheet, styles.xml
 * and workbook.xml must be the source's bytes, and POI reads the look back from the result.
 */
class FormatStreamsTest {

    @TempDir
    Path work;

    private static final CellFormat BOLD_FILL = new CellFormat(new CellFormat.Font(true, null, null, null, "1F4E79",
            null), "FFF2CC", null, new CellFormat.Alignment("center", null, null, null, null), null);
    private static final CellFormat BOXED_NUMBERS = new CellFormat(null, null, new CellFormat.Border("thin", "FF0000",
            CellFormat.Side.parse(List.of("outline", "inside_horizontal"))), null, "#,##0.00");
    private static final CellFormat ITALIC = new CellFormat(new CellFormat.Font(null, true, "single", 14.0, null,
            "Arial"), null, null, null, null);

    private static byte[] streamingWriter(int rows) {
        List<List<CellValue>> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            data.add(List.of(new CellValue.Text("d" + r), new CellValue.Number(r * 0.5), new CellValue.Bool(r % 2 == 0),
                    new CellValue.Text("n" + r)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XlsxFiles.write(() -> List.of(SpiCells.sheet("Data", List.of("Name", "Qty", "Ok", "Note"), data)), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** POI's user model: shared strings, a bold style, a row style, gaps between rows, a second sheet. */
    private static byte[] userModel(boolean booleans) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Data");
            var bold = wb.createCellStyle();
            var font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            var money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            String[] headers = {"Name", "Qty", "Ok", "Note"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
                header.getCell(c).setCellStyle(bold);
            }
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("d" + r);
                row.createCell(1).setCellValue(r * 10);
                row.getCell(1).setCellStyle(money);
                if (booleans) {
                    row.createCell(2).setCellValue(r % 2 == 0);
                }
                row.createCell(3).setCellValue("n" + r);
            }
            sheet.getRow(2).setRowStyle(money);
            sheet.createRow(7).createCell(5).setCellValue("far");
            sheet.setColumnWidth(0, 20 * 256);
            wb.createSheet("Other").createRow(0).createCell(0).setCellValue("other");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Excel writes a package: styles with a number format, spans, a table over the header, no formulas. */
    private static byte[] excelLike() {
        Map<String, String> parts = ExcelLikeWorkbook.parts(StreamedEditsTest.EXCEL_LIKE_ROWS, "A1:D6");
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        sheet = sheet.replace("</sheetData>", "</sheetData><tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>");
        parts.put("xl/worksheets/sheet1.xml", sheet);
        parts.put("xl/worksheets/_rels/sheet1.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "table\" Target=\"../tables/table1.xml\"/></Relationships>");
        parts.put("xl/tables/table1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"1\" name=\"Table1\""
                + " displayName=\"Table1\" ref=\"A1:D3\" totalsRowShown=\"0\"><autoFilter ref=\"A1:D3\"/>"
                + "<tableColumns count=\"4\"><tableColumn id=\"1\" name=\"Name\"/><tableColumn id=\"2\" name=\"Qty\"/>"
                + "<tableColumn id=\"3\" name=\"Ok\"/><tableColumn id=\"4\" name=\"Note\"/></tableColumns>"
                + "<tableStyleInfo name=\"TableStyleMedium2\" showFirstColumn=\"0\" showLastColumn=\"0\""
                + " showRowStripes=\"1\" showColumnStripes=\"0\"/></table>");
        parts.put("[Content_Types].xml", parts.get("[Content_Types].xml").replace("</Types>",
                "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.spreadsheetml.table+xml\"/></Types>"));
        return ExcelLikeWorkbook.zip(parts);
    }

    private byte[] source(String writer) {
        return switch (writer) {
            case "streaming" -> streamingWriter(3);
            case "user-model" -> userModel(true);
            case "libreoffice" -> LibreOffice.toXlsx(userModel(false), work);
            case "excel-like" -> excelLike();
            default -> throw new IllegalArgumentException(writer);
        };
    }

    /** The edit through both paths, checked beyond the cells; the streamed result. */
    private static BothPaths.Edited formatted(byte[] source, WorkbookEdit.FormatRange edit, boolean streams) {
        BothPaths.Edited edited = BothPaths.edit(source, edit);
        assertThat(edited.streamed()).as(edit.describe() + " streams").isEqualTo(streams);
        ByteArrayOutputStream loaded = new ByteArrayOutputStream();
        try {
            new XlsxWorkbookEditor().applyLoaded(new ByteArrayInputStream(source), edit, loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> mine = entries(edited.bytes());
        Map<String, byte[]> theirs = entries(loaded.toByteArray());
        assertThat(new String(mine.get("xl/styles.xml"), java.nio.charset.StandardCharsets.UTF_8))
                .as("styles.xml as the user model writes it")
                .isEqualTo(new String(theirs.get("xl/styles.xml"), java.nio.charset.StandardCharsets.UTF_8));
        String sheetPart = RawSheet.sheetPart(LibreOffice.entries(edited.bytes()), "Data");
        assertThat(rowStyles(mine.get(sheetPart))).as("the rows' own styles")
                .isEqualTo(rowStyles(theirs.get(sheetPart)));
        if (streams) {
            Map<String, byte[]> before = entries(source);
            assertThat(mine.keySet()).isEqualTo(before.keySet());
            for (var part : before.entrySet()) {
                if (!Set.of(sheetPart, "xl/styles.xml", "xl/workbook.xml").contains(part.getKey())) {
                    assertThat(mine.get(part.getKey())).as(part.getKey() + " copied as it was").isEqualTo(part.getValue());
                }
            }
        }
        return edited;
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void theHeaderRowIsFormattedOnTheStreamAsTheUserModelFormatsIt(String writer) throws IOException {
        byte[] source = source(writer);
        BothPaths.Edited edited = formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:D1"),
                BOLD_FILL), true);
        assertThat(edited.summary()).isEqualTo("formatted A1:D1 on sheet 'Data' (4 cell(s))");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(edited.bytes()))) {
            XSSFCell b1 = wb.getSheet("Data").getRow(0).getCell(1);
            XSSFCellStyle style = b1.getCellStyle();
            assertThat(style.getFont().getBold()).isTrue();
            assertThat(style.getFont().getXSSFColor().getARGBHex()).isEqualTo("FF1F4E79");
            assertThat(style.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(style.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FFFFF2CC");
            assertThat(style.getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
            assertThat(b1.getStringCellValue()).isEqualTo("Qty");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "excel-like"})
    void aRectangleCreatesItsMissingRowsAndCellsStyledWithEdgesAsTheUserModelDoes(String writer) throws IOException {
        byte[] source = source(writer);
        BothPaths.Edited edited = formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("B2:F9"),
                BOXED_NUMBERS), true);
        assertThat(edited.summary()).isEqualTo("formatted B2:F9 on sheet 'Data' (40 cell(s))");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(edited.bytes()))) {
            XSSFSheet sheet = wb.getSheet("Data");
            XSSFCellStyle corner = sheet.getRow(1).getCell(1).getCellStyle();
            assertThat(corner.getBorderTop()).isEqualTo(BorderStyle.THIN);
            assertThat(corner.getBorderLeft()).isEqualTo(BorderStyle.THIN);
            assertThat(corner.getBorderRight()).isEqualTo(BorderStyle.NONE);
            assertThat(corner.getTopBorderXSSFColor().getARGBHex()).isEqualTo("FFFF0000");
            assertThat(corner.getDataFormatString()).isEqualTo("#,##0.00");
            XSSFCellStyle inner = sheet.getRow(6).getCell(3).getCellStyle();
            assertThat(inner.getBorderTop()).isEqualTo(BorderStyle.THIN); // inside horizontal
            assertThat(inner.getBorderLeft()).isEqualTo(BorderStyle.NONE);
            assertThat(sheet.getRow(8).getCell(5).getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.THIN);
        }
        // formats given later build on the ones before: the second format streams too, and shares
        BothPaths.Edited again = formatted(edited.bytes(), new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:C4"),
                ITALIC), true);
        formatted(again.bytes(), new WorkbookEdit.FormatRange("Data", CellRange.parse("B2:F9"), BOXED_NUMBERS), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "excel-like"})
    void wholeRowsStyleTheRowsThatExistAndTheirCellsOnTheStream(String writer) {
        byte[] source = source(writer);
        BothPaths.Edited edited = formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("2:6"),
                new CellFormat(null, null, new CellFormat.Border("medium", null, CellFormat.Side.parse(List.of("all"))),
                        null, null)), true);
        assertThat(edited.summary()).contains("existing cell(s); new cells there take the format too");
        assertThat(rowStyles(entries(edited.bytes()).get(RawSheet.sheetPart(LibreOffice.entries(edited.bytes()),
                "Data"))).values()).anyMatch(s -> s.contains("customFormat=1"));
    }

    @Test
    void wholeColumnsColumnStylesAndFormulasGoThroughTheUserModel() {
        byte[] source = userModel(true);
        formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("B:C"), ITALIC), false);
        byte[] columnStyled = BothPaths.edit(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("B:B"),
                BOLD_FILL)).bytes();
        formatted(columnStyled, new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:D1"), ITALIC), false);
        byte[] withFormula;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(source))) {
            wb.getSheet("Data").getRow(1).createCell(4).setCellFormula("B2*2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            withFormula = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        formatted(withFormula, new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:D1"), BOLD_FILL), false);
    }

    @Test
    void aLargerSheetFormatsItsHeaderRowOnTheStream() {
        byte[] source = streamingWriter(3_000);
        formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:D1"), BOLD_FILL), true);
        formatted(source, new WorkbookEdit.FormatRange("Data", CellRange.parse("B1500:C1700"), BOXED_NUMBERS), true);
    }

    /**
     * format_range loads styles.xml whole on the stream, so a styles part past
     * {@link StreamedEdits#MAX_STYLES_BYTES} (unpacked) goes through the user model, whose memory
     * reservation covers it: a workbook of POI's with some 20,000 cell formats and 300 fonts more in its
     * styles.xml (written as text: POI's own createCellStyle compares every font and takes minutes),
     * padded with white space the parsers drop to exactly the threshold, which streams, and to one
     * byte more, which does not. Either way the answer and the cells are the user model's.
     */
    @Test
    void aStylesPartPastTheThresholdGoesThroughTheUserModelAndOneAtItStreams() throws IOException {
        Map<String, String> parts = LibreOffice.entries(userModel(true));
        String base = parts.get("xl/styles.xml");
        int fontCount = Integer.parseInt(count(base, "fonts"));
        StringBuilder fonts = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            fonts.append("<font><sz val=\"").append(8 + i % 40).append("\"/><color rgb=\"FF").append(
                    String.format("%06X", i * 4099)).append("\"/><name val=\"Calibri\"/><family val=\"2\"/></font>");
        }
        StringBuilder xfs = new StringBuilder();
        int added = 0;
        while (base.length() + fonts.length() + xfs.length() < StreamedEdits.MAX_STYLES_BYTES * 9 / 10) {
            xfs.append("<xf numFmtId=\"").append(added % 50).append("\" fontId=\"").append(fontCount + added % 300)
                    .append("\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"true\"/>");
            added++;
        }
        String styles = base.replace("</fonts>", fonts + "</fonts>").replace("</cellXfs>", xfs + "</cellXfs>")
                .replaceFirst("<fonts count=\"\\d+\"", "<fonts count=\"" + (fontCount + 300) + "\"")
                .replaceFirst("<cellXfs count=\"\\d+\"", "<cellXfs count=\""
                        + (Integer.parseInt(count(base, "cellXfs")) + added) + "\"");
        int size = styles.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(added).isGreaterThan(15_000);
        int end = styles.lastIndexOf("</styleSheet>");
        for (long target : new long[] {StreamedEdits.MAX_STYLES_BYTES, StreamedEdits.MAX_STYLES_BYTES + 1}) {
            Map<String, String> padded = new LinkedHashMap<>(parts);
            padded.put("xl/styles.xml", styles.substring(0, end) + " ".repeat((int) (target - size))
                    + styles.substring(end));
            byte[] source = ExcelLikeWorkbook.zip(padded);
            assertThat(LibreOffice.unzip(source).get("xl/styles.xml")).hasSize((int) target);
            boolean streams = target <= StreamedEdits.MAX_STYLES_BYTES;
            BothPaths.Edited edited = formatted(source, new WorkbookEdit.FormatRange("Data",
                    CellRange.parse("A1:D2"), BOLD_FILL), streams);
            assertThat(edited.summary()).as("styles.xml of %d bytes", target)
                    .isEqualTo("formatted A1:D2 on sheet 'Data' (8 cell(s))");
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(edited.bytes()))) {
                XSSFCellStyle b2 = wb.getSheet("Data").getRow(1).getCell(1).getCellStyle();
                assertThat(b2.getFont().getBold()).isTrue();
                assertThat(b2.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FFFFF2CC");
                assertThat(wb.getSheet("Data").getRow(1).getCell(1).getNumericCellValue()).isEqualTo(10);
                assertThat(wb.getStylesSource().getNumCellStyles()).isGreaterThan(added);
                assertThat(wb.getStylesSource().getFonts()).hasSizeGreaterThan(300);
            }
        }
    }

    /** The count attribute of a styles.xml list ({@code <fonts count="2">}). */
    private static String count(String styles, String list) {
        Matcher m = Pattern.compile("<" + list + " count=\"(\\d+)\"").matcher(styles);
        assertThat(m.find()).as(list + " with its count").isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "excel-like"})
    void badInputIsRefusedAsTheUserModelRefusesItAndNothingChanges(String writer) {
        byte[] source = source(writer);
        String sha = sha256(source);
        long before = StreamedEdits.streamedCount();
        assertThatThrownBy(() -> BothPaths.edit(source, new WorkbookEdit.FormatRange("Nope", CellRange.parse("A1"),
                BOLD_FILL))).isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Nope' does not exist; the sheets are [Data]");
        assertThatThrownBy(() -> BothPaths.edit(source, new WorkbookEdit.FormatRange("Data",
                CellRange.parse("A1:Z100000"), BOLD_FILL))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("range A1:Z100000 has 2600000 cells; format at most 2000000 at once");
        // what the format itself holds is checked before either path sees it
        assertThatThrownBy(() -> new CellFormat.Border("wavy", null, Set.of(CellFormat.Side.TOP)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'border.style' must be one of");
        assertThatThrownBy(() -> CellRange.parse("A1:XFE1")).isInstanceOf(InvalidInputException.class);
        assertThat(StreamedEdits.streamedCount()).isEqualTo(before);
        assertThat(sha256(source)).isEqualTo(sha);
    }

    private static final Pattern ROW = Pattern.compile("<row\\s[^>]*>");
    private static final Pattern R = Pattern.compile("\\sr=\"(\\d+)\"");
    private static final Pattern ROW_STYLE = Pattern.compile("\\s(s|customFormat)=\"([^\"]*)\"");

    /** Each row's own style attributes (s, customFormat as 1/0), by row number. */
    private static Map<String, String> rowStyles(byte[] sheetXml) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(new String(sheetXml, java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            Matcher r = R.matcher(m.group());
            r.find();
            Map<String, String> style = new java.util.TreeMap<>();
            Matcher s = ROW_STYLE.matcher(m.group());
            while (s.find()) {
                String value = s.group(2).equals("true") ? "1" : s.group(2).equals("false") ? "0" : s.group(2);
                style.put(s.group(1), value);
            }
            rows.put(r.group(1), style.toString());
        }
        return rows;
    }

    /** The package's parts as stored bytes, through java.util.zip. */
    private static Map<String, byte[]> entries(byte[] xlsx) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
