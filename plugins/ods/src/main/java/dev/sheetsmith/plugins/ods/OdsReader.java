package dev.sheetsmith.plugins.ods;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
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

    private final ReadLimits limits;
    private long cells;
    private long textChars;

    OdsReader(ReadLimits limits) {
        this.limits = limits;
    }

    List<SheetView> read(InputStream ods) throws IOException {
        ZipInputStream zip = new ZipInputStream(ods);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals("content.xml")) {
                try {
                    return sheets(limits.bounded(zip, "'content.xml'"));
                } catch (XMLStreamException e) {
                    throw new IOException("content.xml is not readable XML: " + e.getMessage(), e);
                }
            }
        }
        throw new IOException("not an ods file: it has no content.xml");
    }

    private List<SheetView> sheets(InputStream content) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLStreamReader xml = factory.createXMLStreamReader(content);
        List<SheetView> sheets = new ArrayList<>();
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && is(xml, TABLE, "table")) {
                    sheets.add(sheet(xml));
                }
            }
        } finally {
            xml.close();
        }
        return sheets;
    }

    /** One table:table, from its start tag to its end tag. */
    private SheetView sheet(XMLStreamReader xml) throws XMLStreamException {
        String name = attribute(xml, TABLE, "name", "Sheet1");
        List<List<CellValue>> rows = new ArrayList<>();
        long pendingRows = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, TABLE, "table-row")) {
                    long repeat = repeat(xml, "number-rows-repeated");
                    List<CellValue> row = row(xml, name, rows.size() + pendingRows + 1);
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
                } else if (is(xml, TABLE, "table")) {
                    skip(xml); // a table inside a cell or shape is not part of the sheet's grid
                } else {
                    depth++; // row groups, header rows, column definitions: rows inside are read in order
                }
            }
        }
        if (rows.isEmpty()) {
            return SheetView.of(name, List.of(), List.of());
        }
        if (rows.get(0).stream().anyMatch(CellValue.Formula.class::isInstance)) {
            return SheetView.of(name, List.of(), rows); // a header is text: a first row with formulas is data
        }
        List<String> headers = new ArrayList<>(rows.get(0).size());
        for (CellValue value : rows.get(0)) {
            headers.add(value.display());
        }
        if (headers.isEmpty()) {
            headers.add(""); // an empty first row above data stays a row
        }
        return SheetView.of(name, headers, rows.subList(1, rows.size()));
    }

    /** The cells of one table:table-row, trailing empty cells left out; the reader ends on its end tag. */
    private List<CellValue> row(XMLStreamReader xml, String sheet, long rowNumber) throws XMLStreamException {
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
                    CellValue value = cell(xml);
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
    private CellValue cell(XMLStreamReader xml) throws XMLStreamException {
        String formula = attribute(xml, TABLE, "formula", null);
        CellValue value = value(xml);
        if (formula != null) {
            var excel = OdsFormulas.toExcel(formula);
            if (excel.isPresent()) {
                return new CellValue.Formula(excel.get());
            }
        }
        return value;
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
