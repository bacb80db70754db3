package dev.sheetsmith.plugins.ods;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetFormat;
import dev.sheetsmith.spi.SheetView;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the cells of an .ods file in one streaming (StAX) pass over its content.xml, counting as
 * it goes. SODS, which writes our .ods files, is not used here: it silently skips any row or cell
 * repeated more than 10,000 times (so 16,384 identical rows, as LibreOffice writes them, were
 * lost) and builds every sheet densely in memory before anything can be counted.
 *
 * <p>OpenDocument 1.3, part 3, 9.1.3 and 9.1.4: {@code table:number-rows-repeated} and
 * {@code table:number-columns-repeated} say a row or cell stands for that many identical ones.
 * Repeats of real content are expanded (one shared value, one shared row list) and counted as
 * what they expand to. Empty rows and cells are only held back and become cells when real content
 * follows them, so the empty rows and columns LibreOffice writes to fill a sheet to its last row
 * and column are not data.
 */
final class OdsReader {

    private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    /** How many unconvertible formulas the notes name; the rest are counted. */
    static final int NOTED_FORMULAS = 20;

    private final ReadLimits limits;
    private long cells;
    private long textChars;
    private final List<String> notes = new ArrayList<>();
    private final OdsStyles styles = new OdsStyles();
    /** The style runs of the row being read. */
    private List<Run> runs = new ArrayList<>();

    /** A row with more style runs than this keeps the first ones' styles only. */
    static final int MAX_RUNS_PER_ROW = 16_384;
    /** A sheet with more merged areas than this keeps the first ones. */
    static final int MAX_MERGES = 10_000;
    private long formulasKeptAsValues;

    OdsReader(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * The sheets, with how they look: content.xml for the cells (and its automatic styles),
     * styles.xml for the named styles and data styles, in whichever order the zip holds them.
     */
    List<SheetView> read(InputStream ods) throws IOException {
        ZipInputStream zip = new ZipInputStream(ods);
        List<Parsed> sheets = null;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String part = entry.getName();
            if (!part.equals("content.xml") && !part.equals("styles.xml")) {
                continue;
            }
            XMLStreamReader xml = null;
            try {
                // the XML parser closes its stream at the end of the document: the zip must stay open
                xml = xmlReader(new java.io.FilterInputStream(limits.bounded(zip, "'" + part + "'")) {
                    @Override
                    public void close() {
                    }
                });
                if (part.equals("content.xml")) {
                    sheets = sheets(xml);
                } else {
                    styles.read(xml, false);
                }
            } catch (XMLStreamException e) {
                throw new IOException(part + " is not readable XML: " + e.getMessage(), e);
            } finally {
                if (xml != null) {
                    try {
                        xml.close();
                    } catch (XMLStreamException ignored) {
                        // the part was read, or its error is on its way
                    }
                }
            }
        }
        if (sheets == null) {
            throw new IOException("not an ods file: it has no content.xml");
        }
        List<SheetView> views = new ArrayList<>(sheets.size());
        for (Parsed sheet : sheets) {
            views.add(sheet.view(styles));
        }
        return views;
    }

    private static XMLStreamReader xmlReader(InputStream part) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory.createXMLStreamReader(part);
    }

    private List<Parsed> sheets(XMLStreamReader xml) throws XMLStreamException {
        List<Parsed> sheets = new ArrayList<>();
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, TABLE, "table")) {
                    sheets.add(sheet(xml));
                } else if (is(xml, OFFICE, "automatic-styles")) {
                    styles.read(xml, false);
                }
            }
        }
        return sheets;
    }

    /** One table:table, from its start tag to its end tag. */
    private Parsed sheet(XMLStreamReader xml) throws XMLStreamException {
        String name = attribute(xml, TABLE, "name", "Sheet1");
        List<List<CellValue>> rows = new ArrayList<>();
        Parsed parsed = new Parsed(name, rows);
        long pendingRows = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, TABLE, "table-row")) {
                    long repeat = repeat(xml, "number-rows-repeated");
                    String rowStyle = attribute(xml, TABLE, "style-name", null);
                    String rowCells = attribute(xml, TABLE, "default-cell-style-name", null);
                    runs = new ArrayList<>();
                    int mergedBefore = parsed.merged.size();
                    List<CellValue> row = row(xml, name, rows.size() + pendingRows + 1, rowCells, parsed);
                    // a repeated row repeats its merged areas too, one row down each time
                    int mergedInRow = parsed.merged.size() - mergedBefore;
                    for (long k = 1; k < repeat && mergedInRow > 0 && parsed.merged.size() < MAX_MERGES; k++) {
                        for (int m = 0; m < mergedInRow && parsed.merged.size() < MAX_MERGES; m++) {
                            SheetFormat.Area a = parsed.merged.get(mergedBefore + m);
                            if (a.lastRow() + k < limits.maxRows()) {
                                parsed.merged.add(new SheetFormat.Area(a.firstRow() + (int) k, a.firstColumn(),
                                        a.lastRow() + (int) k, a.lastColumn()));
                            }
                        }
                    }
                    if (row.isEmpty()) {
                        pendingRows += repeat;
                        continue;
                    }
                    long last = rows.size() + pendingRows + repeat;
                    if (last > limits.maxRows()) {
                        throw limits.tooLarge(name, last, row.size());
                    }
                    long first = rows.size() + pendingRows + 1;
                    rows.addAll(Collections.nCopies((int) pendingRows, List.of()));
                    parsed.runs.addAll(Collections.nCopies((int) pendingRows, List.of()));
                    parsed.rowStyles.addAll(Collections.nCopies((int) pendingRows, (String) null));
                    pendingRows = 0;
                    // the cells of this row were counted once as the row was read; its repeats count too
                    long before = cells;
                    cells += row.size() * (repeat - 1);
                    if (cells > limits.maxCells()) {
                        long fits = (limits.maxCells() - before) / row.size();
                        throw limits.tooManyCells("sheet '" + name + "', row " + (first + fits + 1)
                                + " (a row repeated " + repeat + " times)");
                    }
                    rows.addAll(Collections.nCopies((int) repeat, row));
                    List<Run> styled = List.copyOf(runs);
                    parsed.runs.addAll(Collections.nCopies((int) repeat, styled));
                    parsed.rowStyles.addAll(Collections.nCopies((int) repeat, rowStyle));
                } else if (is(xml, TABLE, "table-column")) {
                    long repeat = repeat(xml, "number-columns-repeated");
                    parsed.columns.add(new Run(parsed.columnCount, repeat, attribute(xml, TABLE, "style-name", null),
                            attribute(xml, TABLE, "default-cell-style-name", null)));
                    parsed.columnCount += repeat;
                    skip(xml);
                } else if (is(xml, TABLE, "table")) {
                    skip(xml); // a table inside a cell or shape is not part of the sheet's grid
                } else {
                    depth++; // row groups, header rows, column definitions: rows inside are read in order
                }
            }
        }
        return parsed;
    }

    /** The view of a sheet as read: its first row is its header unless it holds formulas. */
    private static SheetView view(String name, List<List<CellValue>> rows, SheetFormat format) {
        if (rows.isEmpty()) {
            return SheetView.of(name, List.of(), List.of(), format);
        }
        if (rows.get(0).stream().anyMatch(CellValue.Formula.class::isInstance)) {
            return SheetView.of(name, List.of(), rows, format); // a header is text: a first row with formulas is data
        }
        List<String> headers = new ArrayList<>(rows.get(0).size());
        for (CellValue value : rows.get(0)) {
            headers.add(value.display());
        }
        if (headers.isEmpty()) {
            headers.add(""); // an empty first row above data stays a row
        }
        return SheetView.of(name, headers, rows.subList(1, rows.size()), format);
    }

    /**
     * A run of cells (or columns) side by side: the first index, how many, the style name, and for
     * a column the style of its cells that name none.
     */
    record Run(long first, long count, String style, String cellStyle) {
    }

    /** A sheet as read from content.xml; its look is resolved once styles.xml has been read too. */
    static final class Parsed {
        final String name;
        final List<List<CellValue>> rows;
        /** Per row: its cells' style runs; rows repeated share one list. */
        final List<List<Run>> runs = new ArrayList<>();
        final List<String> rowStyles = new ArrayList<>();
        final List<Run> columns = new ArrayList<>();
        final List<SheetFormat.Area> merged = new ArrayList<>();
        long columnCount;

        Parsed(String name, List<List<CellValue>> rows) {
            this.name = name;
            this.rows = rows;
        }

        SheetView view(OdsStyles styles) {
            return OdsReader.view(name, rows, OdsLook.of(this, styles));
        }
    }

    /** The cells of one table:table-row, trailing empty cells left out; the reader ends on its end tag. */
    private List<CellValue> row(XMLStreamReader xml, String sheet, long rowNumber, String rowCells, Parsed parsed)
            throws XMLStreamException {
        List<CellValue> row = new ArrayList<>();
        long pendingCells = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, TABLE, "table-cell") || is(xml, TABLE, "covered-table-cell")) {
                    long repeat = repeat(xml, "number-columns-repeated");
                    long column = row.size() + pendingCells;
                    String style = attribute(xml, TABLE, "style-name", rowCells);
                    if (runs.size() < MAX_RUNS_PER_ROW && column < limits.maxColumns()) {
                        runs.add(new Run(column, repeat, style, null));
                    }
                    long across = repeat(xml, "number-columns-spanned");
                    long down = repeat(xml, "number-rows-spanned");
                    if ((across > 1 || down > 1) && parsed.merged.size() < MAX_MERGES
                            && column + across <= limits.maxColumns() && rowNumber + down - 1 <= limits.maxRows()) {
                        parsed.merged.add(new SheetFormat.Area((int) rowNumber - 1, (int) column,
                                (int) (rowNumber + down - 2), (int) (column + across - 1)));
                    }
                    CellValue value = cell(xml, sheet, rowNumber, row.size() + pendingCells);
                    if (value instanceof CellValue.Empty) {
                        pendingCells += repeat;
                        continue;
                    }
                    long last = row.size() + pendingCells + repeat;
                    if (last > limits.maxColumns()) {
                        throw limits.tooLarge(sheet, rowNumber, last);
                    }
                    cells += pendingCells + repeat;
                    if (cells > limits.maxCells()) {
                        throw limits.tooManyCells("sheet '" + sheet + "', row " + rowNumber);
                    }
                    row.addAll(Collections.nCopies((int) pendingCells, CellValue.EMPTY));
                    row.addAll(Collections.nCopies((int) repeat, value));
                    pendingCells = 0;
                } else {
                    skip(xml);
                }
            }
        }
        return row.isEmpty() ? List.of() : List.copyOf(row);
    }

    /**
     * One cell: its formula in Excel's syntax where it has a one-for-one form (the xlsx writer
     * computes its value again), else its saved value; the reader ends on the cell's end tag.
     */
    private CellValue cell(XMLStreamReader xml, String sheet, long rowNumber, long column)
            throws XMLStreamException {
        String formula = attribute(xml, TABLE, "formula", null);
        CellValue value = value(xml);
        if (formula != null) {
            var excel = OdsFormulas.toExcel(formula);
            if (excel.isPresent()) {
                return new CellValue.Formula(excel.get());
            }
            keptAsValue(sheet, rowNumber, column, formula, value);
        }
        return value;
    }

    /** Notes a formula with no Excel form: the first {@link #NOTED_FORMULAS} by cell, the rest counted. */
    private void keptAsValue(String sheet, long rowNumber, long column, String formula, CellValue value) {
        formulasKeptAsValues++;
        if (notes.size() < NOTED_FORMULAS) {
            String shown = formula.length() > 200 ? formula.substring(0, 200) + "..." : formula;
            notes.add("sheet '" + sheet + "', cell " + columnName(column) + rowNumber + ": the formula " + shown
                    + " has no exact Excel form, so the cell kept its value"
                    + (value instanceof CellValue.Empty ? " (empty)" : " (" + value.display() + ")"));
        }
    }

    /** What the caller should know: the formulas kept as values (a few named, the rest counted). */
    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (formulasKeptAsValues > notes.size()) {
            all.add((formulasKeptAsValues - notes.size()) + " more formula(s) had no exact Excel form and kept their"
                    + " values");
        }
        return all;
    }

    /** Column letters of a 0-based column index: 0 is A, 26 is AA. */
    static String columnName(long column) {
        StringBuilder name = new StringBuilder();
        for (long n = column + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /** One cell's value (the saved value of a formula); the reader ends on the cell's end tag. */
    private CellValue value(XMLStreamReader xml) throws XMLStreamException {
        String type = attribute(xml, OFFICE, "value-type", null);
        String value = attribute(xml, OFFICE, "value", null);
        String date = attribute(xml, OFFICE, "date-value", null);
        String bool = attribute(xml, OFFICE, "boolean-value", null);
        String string = attribute(xml, OFFICE, "string-value", null);
        String text = text(xml);
        if (type == null) {
            return text.isEmpty() ? CellValue.EMPTY : new CellValue.Text(text);
        }
        switch (type) {
            case "float", "percentage", "currency" -> {
                if (value != null) {
                    try {
                        return new CellValue.Number(Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        // shown as text below
                    }
                }
            }
            case "date" -> {
                if (date != null) {
                    try {
                        if (date.length() <= 10) {
                            return new CellValue.Date(LocalDate.parse(date));
                        }
                        LocalDateTime when = LocalDateTime.parse(date);
                        return when.toLocalTime().toNanoOfDay() == 0 ? new CellValue.Date(when.toLocalDate())
                                : new CellValue.DateTime(when);
                    } catch (DateTimeParseException e) {
                        // shown as text below
                    }
                }
            }
            case "boolean" -> {
                if (bool != null) {
                    return new CellValue.Bool(Boolean.parseBoolean(bool.strip()));
                }
            }
            case "string" -> {
                if (string != null) {
                    return string.isEmpty() ? CellValue.EMPTY : new CellValue.Text(string);
                }
            }
            default -> {
                // time (a duration) and anything newer: the text the cell shows
            }
        }
        return text.isEmpty() ? CellValue.EMPTY : new CellValue.Text(text);
    }

    /**
     * The text a cell shows: its paragraphs joined by line breaks, with text:s spaces, tabs and
     * line breaks; notes (office:annotation) are not the cell's text.
     */
    private String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int paragraphs = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, OFFICE, "annotation")) {
                    skip(xml);
                    continue;
                }
                depth++;
                if (is(xml, TEXT, "p") || is(xml, TEXT, "h")) {
                    if (paragraphs++ > 0) {
                        text.append('\n');
                    }
                } else if (is(xml, TEXT, "s")) {
                    text.append(" ".repeat((int) Math.min(repeat(xml, "c", TEXT), 1024)));
                } else if (is(xml, TEXT, "tab")) {
                    text.append('\t');
                } else if (is(xml, TEXT, "line-break")) {
                    text.append('\n');
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && depth > 1) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
            if (text.length() > 0 && textChars + text.length() > limits.maxTextChars()) {
                throw new InvalidFileException("the file holds more than " + limits.maxTextChars() + " characters of"
                        + " text; this server imports at most " + limits.maxTextChars() + " (limits.maxImportBytes)");
            }
        }
        return count(text.toString());
    }

    private String count(String text) {
        textChars += text.length();
        return text;
    }

    private long repeat(XMLStreamReader xml, String attribute) {
        return repeat(xml, attribute, TABLE);
    }

    private long repeat(XMLStreamReader xml, String attribute, String namespace) {
        String raw = xml.getAttributeValue(namespace, attribute);
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        try {
            long n = Long.parseLong(raw.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFileException("the file has " + attribute + "=\"" + raw + "\", which is not a positive"
                    + " whole number; the file is not a valid ods file");
        }
    }

    /** Moves past the current element and everything in it. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static boolean is(XMLStreamReader xml, String namespace, String local) {
        return local.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
    }

    private static String attribute(XMLStreamReader xml, String namespace, String local, String otherwise) {
        String value = xml.getAttributeValue(namespace, local);
        return value == null ? otherwise : value;
    }
}
