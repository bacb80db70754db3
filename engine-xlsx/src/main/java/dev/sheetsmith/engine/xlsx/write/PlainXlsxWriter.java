package dev.sheetsmith.engine.xlsx.write;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.ExcelText;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import dev.sheetsmith.engine.xlsx.poi.ColumnWidths;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * New workbooks of plain values (text, numbers, booleans, dates; no formulas) written straight as
 * their XML into the zip, the way POI's streaming writer laid them out before: inline strings, a
 * bold frozen header row, column widths fitted to the content, dates as Excel serial numbers with a
 * date format. Each value becomes bytes once, with no cell objects, and the sheet is compressed
 * once, on a second thread while its cells are made when it is large ({@link DeflatedSheet}); POI's
 * streaming writer compressed a temporary copy of every sheet and then the sheet again. The zip
 * itself is written by commons-compress (already here with POI), which takes a precompressed entry.
 *
 * <p>A value a cell cannot hold is refused naming its sheet and cell, as the user-model writer does.
 */
public final class PlainXlsxWriter {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String XML_DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();

    /** The cell styles a new workbook uses, numbered (from 1; 0 is the default) in order of first use. */
    private enum Look {
        HEADER, DATE, DATE_TIME
    }

    private final int[] lookIndex = new int[Look.values().length];
    private final List<Look> looks = new ArrayList<>();
    private final List<Look> numberFormats = new ArrayList<>();

    private PlainXlsxWriter() {
    }

    /** Writes {@code workbook}, none of whose cells may be a formula, to {@code out} (left open). */
    public static void write(WorkbookView workbook, OutputStream out) throws IOException {
        new PlainXlsxWriter().writeWorkbook(workbook, out);
    }

    private void writeWorkbook(WorkbookView workbook, OutputStream out) throws IOException {
        List<SheetView> sheets = workbook.sheets();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SheetView sheet : sheets) {
            WorkbookUtil.validateSheetName(sheet.name());
            if (!seen.add(sheet.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The workbook already contains a sheet named '" + sheet.name() + "'");
            }
            names.add(sheet.name());
        }
        BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 16);
        // closed (its compressor's native memory freed) but the caller's stream left open
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(buffered)) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            // [Content_Types].xml first, as tools that sniff a file's type expect; styles last, once the
            // sheets have said which of them they use
            part(zip, "[Content_Types].xml", contentTypes(sheets.size()));
            part(zip, "_rels/.rels", XML_DECL + "<Relationships xmlns=\"" + PKG_REL + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + REL + "/extended-properties\" Target=\"docProps/app.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + PKG_REL + "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                    + "</Relationships>");
            part(zip, "docProps/app.xml", XML_DECL + "<Properties xmlns=\"" + "http://schemas.openxmlformats.org/officeDocument"
                    + "/2006/extended-properties\"><Application>Sheetsmith</Application></Properties>");
            part(zip, "docProps/core.xml", XML_DECL + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package"
                    + "/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms="
                    + "\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                    + "<dc:creator>Sheetsmith</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</dcterms:created></cp:coreProperties>");
            part(zip, "xl/workbook.xml", workbookXml(names));
            part(zip, "xl/_rels/workbook.xml.rels", workbookRels(sheets.size()));
            // empty, as POI's streaming writer left it: edits that add shared strings find the part in place
            part(zip, "xl/sharedStrings.xml", XML_DECL + "<sst xmlns=\"" + MAIN + "\" count=\"0\" uniqueCount=\"0\"/>");
            for (int i = 0; i < sheets.size(); i++) {
                writeSheet(sheets.get(i), i == 0, "xl/worksheets/sheet" + (i + 1) + ".xml", zip);
            }
            part(zip, "xl/styles.xml", stylesXml());
            zip.finish();
        }
    }

    private void writeSheet(SheetView view, boolean first, String part, ZipArchiveOutputStream zip) throws IOException {
        String name = view.name();
        int[] widths = new int[Math.max(0, view.columnCount())];
        int lastColumn = -1;
        int r = 0;
        try (DeflatedSheet spill = new DeflatedSheet()) {
            XmlOut x = new XmlOut(spill);
            List<String> headers = view.headers();
            Columns columns = new Columns();
            if (!headers.isEmpty()) {
                widths = fitted(widths, headers.size());
                x.ascii("<row r=\"1\">");
                int style = style(Look.HEADER);
                byte[] number = {'1'};
                for (int c = 0; c < headers.size(); c++) {
                    String text = headers.get(c);
                    startCell(x, columns.letters(c), number, style);
                    inlineString(x, text, name, r, c);
                    // bold text is a little wider
                    widths[c] = Math.max(widths[c], text.length() + 2);
                }
                lastColumn = headers.size() - 1;
                x.ascii("</row>");
                r++;
            }
            try (Stream<List<CellValue>> rows = view.rows()) {
                Iterator<List<CellValue>> it = rows.iterator();
                while (it.hasNext()) {
                    List<CellValue> values = it.next();
                    if (r >= MAX_ROWS) {
                        throw new InvalidInputException("sheet '" + name + "': more than Excel's " + MAX_ROWS
                                + " rows");
                    }
                    if (values.size() > MAX_COLUMNS) {
                        throw new InvalidInputException("sheet '" + name + "', row " + (r + 1) + ": "
                                + values.size() + " cells, more than Excel's " + MAX_COLUMNS + " columns");
                    }
                    widths = fitted(widths, values.size());
                    // the row's number, as every cell reference in it ends with it
                    byte[] number = Integer.toString(r + 1).getBytes(StandardCharsets.US_ASCII);
                    x.ascii("<row r=\"").raw(number).ascii("\">");
                    for (int c = 0; c < values.size(); c++) {
                        CellValue value = values.get(c);
                        int width = cell(x, columns.letters(c), number, value, name, r, c);
                        if (width >= 0) {
                            widths[c] = Math.max(widths[c], width);
                            lastColumn = Math.max(lastColumn, c);
                        }
                    }
                    x.ascii("</row>");
                    r++;
                }
            }
            x.flush();
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            XmlOut head = new XmlOut(headBytes);
            head.ascii(XML_DECL).ascii("<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\">");
            head.ascii("<dimension ref=\"").ascii(lastColumn < 0 ? "A1" : "A1:" + SheetInput.columnLetter(lastColumn)
                    + Math.max(1, r)).ascii("\"/>");
            head.ascii("<sheetViews><sheetView workbookViewId=\"0\"").ascii(first ? " tabSelected=\"1\">" : ">");
            if (!headers.isEmpty()) {
                head.ascii("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                        + "<selection pane=\"bottomLeft\"/>");
            }
            head.ascii("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
            int columnCount = Math.max(view.columnCount(), Math.max(lastColumn + 1, headers.size()));
            if (columnCount > 0) {
                head.ascii("<cols>");
                for (int c = 0; c < columnCount; c++) {
                    int chars = ColumnWidths.fit((c < widths.length ? widths[c] : 0) + 1);
                    head.ascii("<col min=\"").digits(c + 1L).ascii("\" max=\"").digits(c + 1L).ascii("\" width=\"")
                            .digits(chars).ascii("\" customWidth=\"1\"/>");
                }
                head.ascii("</cols>");
            }
            head.ascii("<sheetData>");
            head.flush();
            spill.addTo(zip, part, headBytes.toByteArray(), ("</sheetData><pageMargins left=\"0.7\" right=\"0.7\""
                    + " top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
                    .getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static int[] fitted(int[] widths, int columns) {
        return columns <= widths.length ? widths : java.util.Arrays.copyOf(widths, Math.max(columns, widths.length * 2));
    }

    /**
     * One cell, or nothing for an empty value; the width its value shows at (-1: none written).
     */
    private int cell(XmlOut x, byte[] column, byte[] row, CellValue value, String sheet, int r, int c)
            throws IOException {
        if (value instanceof CellValue.Empty) {
            return -1;
        }
        if (value instanceof CellValue.Text t) {
            startCell(x, column, row, 0);
            inlineString(x, t.value(), sheet, r, c);
            int newline = t.value().indexOf('\n');
            return newline >= 0 ? newline : t.value().length();
        }
        if (value instanceof CellValue.Number n) {
            startCell(x, column, row, 0);
            double d = n.value();
            x.ascii(" t=\"n\"><v>");
            int width;
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                long whole = (long) d;
                if (whole == 0 && Double.doubleToRawLongBits(d) != 0) {
                    x.ascii("-0.0"); // as Double.toString writes it, as before
                } else {
                    x.digits(whole).ascii(".0");
                }
                width = shownLength(whole);
            } else {
                String text = Double.toString(d);
                x.ascii(text);
                width = text.length();
            }
            x.ascii("</v></c>");
            return width;
        }
        if (value instanceof CellValue.Bool b) {
            startCell(x, column, row, 0);
            x.ascii(b.value() ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>");
            return b.value() ? 4 : 5;
        }
        if (value instanceof CellValue.Date d) {
            startCell(x, column, row, style(Look.DATE));
            x.ascii(" t=\"n\"><v>").ascii(Double.toString(DateUtil.getExcelDate(d.value().atStartOfDay(), false)))
                    .ascii("</v></c>");
            return 10;
        }
        if (value instanceof CellValue.DateTime dt) {
            startCell(x, column, row, style(Look.DATE_TIME));
            x.ascii(" t=\"n\"><v>").ascii(Double.toString(DateUtil.getExcelDate(dt.value(), false))).ascii("</v></c>");
            return 19;
        }
        throw new IllegalStateException("a " + value.getClass().getSimpleName() + " needs the formula-aware writer");
    }

    /** The characters a whole number shows in (its digits and sign), as {@code display()} shows it, without a String. */
    private static int shownLength(long whole) {
        int length = whole < 0 ? 2 : 1;
        for (long rest = Math.abs(whole) / 10; rest != 0; rest /= 10) {
            length++;
        }
        return length;
    }

    /** {@code <c r="B7"} and its style; the caller ends the tag. */
    private static void startCell(XmlOut x, byte[] column, byte[] row, int style) throws IOException {
        x.ascii("<c r=\"").raw(column).raw(row).ascii("\"");
        if (style != 0) {
            x.ascii(" s=\"").digits(style).ascii("\"");
        }
    }

    private static void inlineString(XmlOut x, String text, String sheet, int r, int c) throws IOException {
        if (!ExcelText.isCellText(text)) {
            ExcelText.requireCellText(text, "sheet '" + sheet + "', cell " + new CellRange(r, c, r, c).toA1());
        }
        x.ascii(" t=\"inlineStr\"><is><t");
        if (!text.isEmpty() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ')) {
            x.ascii(" xml:space=\"preserve\"");
        }
        x.ascii(">").text(CellStrings.stored(text)).ascii("</t></is></c>");
    }

    private int style(Look look) {
        int i = look.ordinal();
        if (lookIndex[i] == 0) {
            looks.add(look);
            lookIndex[i] = looks.size();
            if (look != Look.HEADER) {
                numberFormats.add(look);
            }
        }
        return lookIndex[i];
    }

    private String stylesXml() {
        StringBuilder b = new StringBuilder(XML_DECL).append("<styleSheet xmlns=\"").append(MAIN).append("\">");
        if (!numberFormats.isEmpty()) {
            b.append("<numFmts count=\"").append(numberFormats.size()).append("\">");
            for (int i = 0; i < numberFormats.size(); i++) {
                b.append("<numFmt numFmtId=\"").append(164 + i).append("\" formatCode=\"")
                        .append(numberFormats.get(i) == Look.DATE ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss").append("\"/>");
            }
            b.append("</numFmts>");
        }
        boolean bold = lookIndex[Look.HEADER.ordinal()] != 0;
        b.append("<fonts count=\"").append(bold ? 2 : 1).append("\">")
                .append("<font><sz val=\"11\"/><color indexed=\"8\"/><name val=\"Calibri\"/><family val=\"2\"/>"
                        + "<scheme val=\"minor\"/></font>");
        if (bold) {
            b.append("<font><b val=\"1\"/><sz val=\"11\"/><name val=\"Calibri\"/></font>");
        }
        b.append("</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
        b.append("<cellXfs count=\"").append(looks.size() + 1).append("\">")
                .append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
        for (Look look : looks) {
            if (look == Look.HEADER) {
                b.append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>");
            } else {
                b.append("<xf numFmtId=\"").append(164 + numberFormats.indexOf(look))
                        .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
            }
        }
        b.append("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
                .append("</styleSheet>");
        return b.toString();
    }

    private static String contentTypes(int sheets) {
        StringBuilder b = new StringBuilder(XML_DECL)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append(override("/xl/workbook.xml", "spreadsheetml.sheet.main"))
                .append(override("/xl/styles.xml", "spreadsheetml.styles"))
                .append(override("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings"))
                .append("<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.extended-properties+xml\"/>")
                .append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "package.core-properties+xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            b.append(override("/xl/worksheets/sheet" + i + ".xml", "spreadsheetml.worksheet"));
        }
        return b.append("</Types>").toString();
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + type + "+xml\"/>";
    }

    private static String workbookXml(List<String> names) {
        StringBuilder b = new StringBuilder(XML_DECL).append("<workbook xmlns=\"").append(MAIN)
                .append("\" xmlns:r=\"").append(REL).append("\"><workbookPr date1904=\"false\"/>")
                .append("<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (int i = 0; i < names.size(); i++) {
            b.append("<sheet name=\"").append(attribute(names.get(i))).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 3).append("\"/>");
        }
        return b.append("</sheets></workbook>").toString();
    }

    private static String workbookRels(int sheets) {
        StringBuilder b = new StringBuilder(XML_DECL).append("<Relationships xmlns=\"").append(PKG_REL).append("\">")
                .append("<Relationship Id=\"rId1\" Type=\"").append(REL).append("/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                .append("<Relationship Id=\"rId2\" Type=\"").append(REL).append("/styles\" Target=\"styles.xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            b.append("<Relationship Id=\"rId").append(i + 2).append("\" Type=\"").append(REL)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        return b.append("</Relationships>").toString();
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void part(ZipArchiveOutputStream zip, String name, String xml) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    /** Column letters as bytes, made once per column. */
    private static final class Columns {
        private byte[][] letters = new byte[16][];

        byte[] letters(int c) {
            if (c >= letters.length) {
                letters = java.util.Arrays.copyOf(letters, Math.max(c + 1, letters.length * 2));
            }
            byte[] l = letters[c];
            if (l == null) {
                l = SheetInput.columnLetter(c).getBytes(StandardCharsets.US_ASCII);
                letters[c] = l;
            }
            return l;
        }
    }
}
