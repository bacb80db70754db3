package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A SAX handler over one worksheet's XML that hands each cell on with its type, its saved value
 * and its formula, without building the sheet in memory. POI's own SheetContentsHandler gives
 * only formatted strings, which would lose the types an assistant needs.
 *
 * <p>The {@code r} attributes of {@code <row>} and {@code <c>} are optional (ECMA-376 Part 1,
 * 18.3.1.73 and 18.3.1.4); some generators leave them out, and then the position is implied by
 * order: a row is the one after the previous row, a cell the column after the previous cell.
 */
final class SheetCells extends DefaultHandler {

    private static final int MAX_ROWS = 1_048_576;
    private static final int MAX_COLUMNS = 16_384;

    /** What to do with each cell; return false to stop reading the sheet. */
    interface Visitor {
        boolean cell(int row, int column, CellValue value, String formula, boolean hasSavedValue);
    }

    /** Passes the sheet's XML on to a {@link SheetCells}, for a handler that also looks at other elements. */
    static class Delegate extends DefaultHandler {
        private final SheetCells cells;

        Delegate(SheetCells cells) {
            this.cells = cells;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            cells.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            cells.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            cells.endElement(uri, localName, qName);
        }
    }

    /** Thrown to stop the parser once the visitor has what it needs. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private final SharedStrings strings;
    private final StylesTable styles;
    private final Visitor visitor;

    private boolean inSheetData;
    private int row = -1;
    private int column = -1;
    private String type;
    private int style;
    /** Whether each style is a date format, as found (0: not yet asked, 1: a date, -1: not); a style never changes. */
    private byte[] dateStyles;
    private final StringBuilder value = new StringBuilder();
    /** An inline string's text ({@code <is>}), apart from any {@code <v>} beside it and its phonetic runs. */
    private final StringBuilder inline = new StringBuilder();
    private boolean hasInline;
    private boolean inPhonetic;
    private final StringBuilder formula = new StringBuilder();
    private boolean inValue;
    private boolean inFormula;
    private boolean inInlineText;
    private boolean hasValue;
    private boolean hasFormula;

    SheetCells(SharedStrings strings, StylesTable styles, Visitor visitor) {
        this.strings = strings;
        this.styles = styles;
        this.visitor = visitor;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "sheetData" -> inSheetData = true;
            case "row" -> {
                if (inSheetData) {
                    String r = attributes.getValue("r");
                    row = r == null || r.isBlank() ? row + 1 : Integer.parseInt(r.strip()) - 1;
                    column = -1;
                }
            }
            case "c" -> {
                if (!inSheetData) {
                    return;
                }
                String ref = attributes.getValue("r");
                if (ref == null || ref.isBlank()) {
                    column++;
                } else if (!plainReference(ref)) {
                    CellReference at = new CellReference(ref.strip());
                    column = at.getCol();
                    if (at.getRow() >= 0) {
                        row = at.getRow();
                    }
                }
                type = attributes.getValue("t");
                String s = attributes.getValue("s");
                style = s == null ? -1 : Integer.parseInt(s);
                value.setLength(0);
                inline.setLength(0);
                hasInline = false;
                formula.setLength(0);
                hasValue = false;
                hasFormula = false;
            }
            case "v" -> {
                inValue = true;
                hasValue = true;
            }
            case "f" -> {
                inFormula = true;
                hasFormula = true;
            }
            case "t" -> {
                if ("inlineStr".equals(type) && !inPhonetic) {
                    inInlineText = true;
                    hasValue = true;
                    hasInline = true;
                }
            }
            case "rPh" -> inPhonetic = true;
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inInlineText) {
            inline.append(ch, start, length);
        } else if (inValue) {
            value.append(ch, start, length);
        } else if (inFormula) {
            formula.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "v" -> inValue = false;
            case "f" -> inFormula = false;
            case "t" -> inInlineText = false;
            case "sheetData" -> inSheetData = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> {
                if (!inSheetData) {
                    return;
                }
                if (row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) {
                    throw new InvalidInputException("the sheet has a cell beyond Excel's last row or column ("
                            + (row < 0 ? "before the first row" : "row " + (row + 1) + ", column " + (column + 1))
                            + "); the file is not a valid workbook");
                }
                // as Excel shows it: no _xlfn. prefixes, A1# for a spill range
                String f = hasFormula && formula.length() > 0
                        ? dev.sheetsmith.engine.xlsx.poi.ExcelFormulaText.toDisplay(formula.toString()) : null;
                if (!visitor.cell(row, column, hasValue ? decode() : CellValue.EMPTY, f, hasValue)) {
                    throw new Stop();
                }
            }
            default -> {
            }
        }
    }

    /**
     * Reads a reference of the form every writer uses ({@code AB123}: 1-3 capitals, then 1-7 digits
     * without a leading zero) into {@link #row} and {@link #column}; false leaves them alone, for
     * POI's {@link CellReference} (which parses with regular expressions, a sixth of an index build).
     */
    private boolean plainReference(String ref) {
        int n = ref.length();
        int i = 0;
        int col = 0;
        while (i < n && i < 3 && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z') {
            col = col * 26 + (ref.charAt(i) - 'A' + 1);
            i++;
        }
        if (i == 0 || i == n || n - i > 7 || ref.charAt(i) == '0') {
            return false;
        }
        int r = 0;
        for (int j = i; j < n; j++) {
            char ch = ref.charAt(j);
            if (ch < '0' || ch > '9') {
                return false;
            }
            r = r * 10 + (ch - '0');
        }
        column = col - 1;
        row = r - 1;
        return true;
    }

    /** The style index ({@code s}) of the cell being handed to the visitor; -1 when it has none. */
    int style() {
        return style;
    }

    private CellValue decode() {
        String text = hasInline ? inline.toString() : value.toString();
        if (type == null || "n".equals(type)) {
            if (text.isEmpty()) {
                return CellValue.EMPTY;
            }
            double number = Double.parseDouble(text);
            // A negative number in a date format is no date (Excel shows #####): keep the number.
            LocalDateTime when = isDateStyle() && DateUtil.isValidExcelDate(number) ? dateTime(number) : null;
            if (when != null) {
                return when.toLocalTime().toSecondOfDay() == 0 ? new CellValue.Date(when.toLocalDate())
                        : new CellValue.DateTime(when);
            }
            return new CellValue.Number(number);
        }
        return switch (type) {
            case "s" -> new CellValue.Text(strings instanceof SharedTexts texts ? texts.text(Integer.parseInt(text))
                    : strings.getItemAt(Integer.parseInt(text)).getString());
            case "b" -> new CellValue.Bool("1".equals(text) || !"0".equals(text) && "true".equalsIgnoreCase(text));
            // formula strings and inline strings are text, with Excel's _xHHHH_ escapes read
            case "inlineStr", "str" -> new CellValue.Text(CellStrings.read(text));
            // error values (#DIV/0!) are text
            default -> new CellValue.Text(text);
        };
    }

    /** The last serial numbers read as dates, by their bits' hash: a column of dates repeats its days. */
    private final long[] dateKeys = new long[1024];
    private final LocalDateTime[] dateValues = new LocalDateTime[1024];

    /** {@link DateUtil#getLocalDateTime(double)}, which builds BigDecimals, once per serial number seen lately. */
    private LocalDateTime dateTime(double number) {
        long bits = Double.doubleToRawLongBits(number);
        int slot = (int) (bits ^ bits >>> 32 ^ bits >>> 45) & (dateKeys.length - 1);
        if (dateValues[slot] != null && dateKeys[slot] == bits) {
            return dateValues[slot];
        }
        LocalDateTime when = DateUtil.getLocalDateTime(number);
        dateKeys[slot] = bits;
        dateValues[slot] = when;
        return when;
    }

    private boolean isDateStyle() {
        if (style < 0 || styles == null || style >= styles.getNumCellStyles()) {
            return false;
        }
        if (dateStyles == null) {
            dateStyles = new byte[styles.getNumCellStyles()];
        }
        if (style < dateStyles.length && dateStyles[style] != 0) {
            return dateStyles[style] > 0;
        }
        XSSFCellStyle cellStyle = styles.getStyleAt(style);
        boolean date = DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
        if (style < dateStyles.length) {
            dateStyles[style] = (byte) (date ? 1 : -1);
        }
        return date;
    }
}
