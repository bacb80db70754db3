package dev.sheetsmith.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the data shapes an assistant sends (as parsed JSON: maps, lists, strings, numbers,
 * booleans, null) into a {@link SheetData}. Accepted shapes for {@code data}:
 * <ul>
 *   <li>columns: an object of arrays, {@code {"Name": [...], "Age": [...]}};</li>
 *   <li>records: a list of objects; headers in first-seen key order;</li>
 *   <li>rows: a list of lists; with {@code headers} every row is data, otherwise the first row
 *       is the header row;</li>
 *   <li>absent, with {@code headers}: a header row only.</li>
 * </ul>
 * Every error names the sheet, the row and the column it is about.
 */
public final class SheetInput {

    public static final int MAX_ROWS = 1_048_576;
    public static final int MAX_COLUMNS = 16_384;
    public static final int MAX_TEXT = ExcelText.MAX_CELL_TEXT;
    /** Integers with more digits than this lose precision as Excel numbers, so they stay text. */
    private static final int MAX_EXACT_DIGITS = 15;

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");

    private final String sheet;
    private final boolean firstRowIsHeader;

    private SheetInput(String sheet, boolean firstRowIsHeader) {
        this.sheet = sheet;
        this.firstRowIsHeader = firstRowIsHeader;
    }

    public static SheetData parse(String sheetName, Object data, Object headers) {
        SheetNames.requireValid(sheetName);
        return new SheetInput(sheetName, true).read(data, headers);
    }

    /** Rows to add to an existing sheet: a list of rows is all data, never a header row. */
    public static SheetData parseAppend(String sheetName, Object data, Object headers) {
        return new SheetInput(sheetName, false).read(data, headers);
    }

    /** Rows of values for write_range, starting at a cell; errors name the sheet and the cell. */
    public static List<List<CellValue>> parseValues(String sheetName, CellRange start, Object values) {
        if (!(values instanceof List<?> rows) || rows.isEmpty()) {
            throw new InvalidInputException("'values' must be a non-empty list of rows, e.g. [[1, \"a\"], [2, \"b\"]]");
        }
        SheetInput input = new SheetInput(sheetName, false);
        List<List<CellValue>> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            if (!(rows.get(r) instanceof List<?> row)) {
                throw input.error("values[" + r + "] must be a row (a list of values), not " + kind(rows.get(r)));
            }
            List<CellValue> cells = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                String cell = columnLetter(start.firstColumn() + c) + (start.firstRow() + r + 1);
                cells.add(input.cellAt(row.get(c), "cell " + cell));
            }
            out.add(cells);
        }
        return out;
    }

    private SheetData read(Object data, Object headersArg) {
        List<String> headers = headersArg == null ? null : headerList(headersArg);
        if (data == null) {
            if (headers == null) {
                throw error("give 'data' (columns, records or rows), 'headers', or both");
            }
            return sheet(headers, List.of());
        }
        if (data instanceof Map<?, ?> columns) {
            return fromColumns(columns, headers);
        }
        if (!(data instanceof List<?> items)) {
            throw error("'data' must be an object of columns, a list of records or a list of rows, not "
                    + kind(data));
        }
        if (items.isEmpty()) {
            return sheet(headers == null ? List.of() : headers, List.of());
        }
        Object first = items.get(0);
        if (first instanceof Map<?, ?>) {
            return fromRecords(items, headers);
        }
        if (first instanceof List<?>) {
            return fromRows(items, headers);
        }
        throw error("data[0] (data row 1) is " + kind(first)
                + "; each item of 'data' must be a record (an object) or a row (a list)");
    }

    private SheetData fromColumns(Map<?, ?> columns, List<String> headers) {
        List<String> names = new ArrayList<>();
        for (Object key : columns.keySet()) {
            names.add(String.valueOf(key));
        }
        List<String> order = headers == null ? names : headers;
        if (headers != null) {
            for (String name : names) {
                if (!headers.contains(name)) {
                    throw error("column '" + name + "' in 'data' is not one of the headers " + headers);
                }
            }
        }
        List<List<?>> values = new ArrayList<>();
        int height = -1;
        String firstColumn = null;
        for (String name : order) {
            Object column = columns.get(name);
            if (column == null && !columns.containsKey(name)) {
                values.add(List.of());
                continue;
            }
            if (!(column instanceof List<?> list)) {
                throw error("column '" + name + "' must be a list of values, not " + kind(column));
            }
            if (height >= 0 && list.size() != height) {
                throw error("column '" + name + "' has " + list.size() + " values but column '" + firstColumn
                        + "' has " + height + "; every column needs the same number of values");
            }
            if (height < 0) {
                height = list.size();
                firstColumn = name;
            }
            values.add(list);
        }
        int rows = Math.max(height, 0);
        requireRowCount(rows);
        List<List<CellValue>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<CellValue> row = new ArrayList<>(order.size());
            for (int c = 0; c < order.size(); c++) {
                List<?> column = values.get(c);
                row.add(c < values.size() && r < column.size() ? cell(column.get(r), r, c, order.get(c)) : CellValue.EMPTY);
            }
            out.add(row);
        }
        return sheet(order, out);
    }

    private SheetData fromRecords(List<?> items, List<String> headers) {
        Set<String> keys = new LinkedHashSet<>();
        int index = 0;
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> record)) {
                throw error(at(index) + " is " + kind(item) + "; every item must be a record (an object) like data[0]");
            }
            for (Object key : record.keySet()) {
                String name = String.valueOf(key);
                if (headers != null && !headers.contains(name)) {
                    throw error(at(index) + " has key '" + name + "', which is not one of the headers " + headers);
                }
                keys.add(name);
            }
            index++;
        }
        List<String> order = headers == null ? List.copyOf(keys) : headers;
        requireRowCount(items.size());
        return sheet(order, rows(items, 0, (item, r) -> {
            Map<?, ?> record = (Map<?, ?>) item;
            List<CellValue> row = new ArrayList<>(order.size());
            for (int c = 0; c < order.size(); c++) {
                row.add(cell(record.get(order.get(c)), r, c, order.get(c)));
            }
            return row;
        }));
    }

    private SheetData fromRows(List<?> items, List<String> headers) {
        List<String> order = headers;
        int start = 0;
        if (order == null && firstRowIsHeader) {
            order = headerList(items.get(0), "data[0] (the header row)");
            start = 1;
        } else if (order == null) {
            int widest = 0;
            for (Object item : items) {
                widest = Math.max(widest, item instanceof List<?> l ? l.size() : 0);
            }
            order = new ArrayList<>();
            for (int c = 0; c < widest; c++) {
                order.add(columnLetter(c));
            }
            return headerless(items, order);
        }
        requireRowCount(items.size() - start);
        List<String> names = order;
        return sheet(order, rows(items, start, (item, r) -> {
            if (!(item instanceof List<?> values)) {
                throw error(at(r) + " is " + kind(item) + "; every item must be a row (a list) like data[0]");
            }
            if (values.size() > names.size()) {
                throw error(at(r) + " has " + values.size() + " values but there are " + names.size()
                        + " headers; add headers or shorten the row");
            }
            List<CellValue> row = new ArrayList<>(values.size());
            for (int c = 0; c < values.size(); c++) {
                row.add(cell(values.get(c), r, c, names.get(c)));
            }
            return row;
        }));
    }

    private SheetData headerless(List<?> items, List<String> letters) {
        requireRowCount(items.size());
        List<List<CellValue>> out = rows(items, 0, (item, r) -> {
            if (!(item instanceof List<?> values)) {
                throw error(at(r) + " is " + kind(item) + "; every item must be a row (a list) like data[0]");
            }
            List<CellValue> row = new ArrayList<>(values.size());
            for (int c = 0; c < values.size(); c++) {
                row.add(cell(values.get(c), r, c, letters.get(c)));
            }
            return row;
        });
        requireColumnCount(letters.size());
        return new SheetData(sheet, List.of(), out);
    }

    /**
     * Items from {@code start} on as rows. Streamed items (a large request's, spilled as read) are
     * all converted once here, so a bad cell is refused before anything is written, and then again
     * on each pass of the rows the sheet gets; other items are converted once and kept.
     */
    private static List<List<CellValue>> rows(List<?> items, int start, ConvertedRows.Conversion conversion) {
        if (items instanceof StreamedList) {
            return ConvertedRows.checked(items, start, conversion);
        }
        List<List<CellValue>> out = new ArrayList<>(Math.max(0, items.size() - start));
        for (int r = start; r < items.size(); r++) {
            out.add(conversion.row(items.get(r), r));
        }
        return out;
    }

    private List<String> headerList(Object headers) {
        return headerList(headers, "'headers'");
    }

    private List<String> headerList(Object headers, String what) {
        if (!(headers instanceof List<?> list)) {
            throw error(what + " must be a list of column names, not " + kind(headers));
        }
        if (list.size() > MAX_COLUMNS) {
            throw error(what + " has " + list.size() + " columns; Excel allows at most " + MAX_COLUMNS);
        }
        List<String> names = new ArrayList<>(list.size());
        for (int c = 0; c < list.size(); c++) {
            Object h = list.get(c);
            if (h instanceof Map<?, ?> || h instanceof List<?>) {
                throw error(what + " item " + (c + 1) + " (column " + columnLetter(c) + ") is " + kind(h)
                        + "; a header must be text");
            }
            String name = h == null ? "" : h instanceof String s ? s : scalarText(h);
            if (name.length() > MAX_TEXT) {
                throw error(what + " item " + (c + 1) + " is longer than Excel's " + MAX_TEXT + " characters");
            }
            ExcelText.requireStorable(name, "sheet '" + sheet + "', " + what + " item " + (c + 1) + " (column "
                    + columnLetter(c) + ")");
            names.add(name);
        }
        return names;
    }

    private CellValue cell(Object value, int index, int c, String column) {
        CellValue plain = plain(value);
        return plain != null ? plain : cellAt(value, at(index) + ", column '" + column + "' (" + columnLetter(c) + ")");
    }

    /**
     * The common values that cannot fail (null, true/false, a number that fits, plain text that is
     * no formula or date), read without naming the cell; null for any other, which {@link #cellAt} reads.
     */
    private static CellValue plain(Object value) {
        if (value == null) {
            return CellValue.EMPTY;
        }
        if (value instanceof Boolean b) {
            return new CellValue.Bool(b);
        }
        if (value instanceof java.lang.Number n) {
            return number(n);
        }
        if (value instanceof String s && !s.startsWith("=") && !s.startsWith("'=") && s.length() <= MAX_TEXT
                && ExcelText.storable(s) && (!dateShaped(s)
                        || !ISO_DATE.matcher(s).matches() && !ISO_DATE_TIME.matcher(s).matches())) {
            return new CellValue.Text(s);
        }
        return null;
    }

    /** One value; {@code where} names the cell in errors. Text starting with '=' is a formula; "'=" keeps it text. */
    private CellValue cellAt(Object value, String where) {
        if (value instanceof String s && s.length() > 1 && s.startsWith("=")) {
            return Formulas.requireSafe(s, "sheet '" + sheet + "', " + where);
        }
        if (value instanceof String s && s.startsWith("'=")) {
            return text(s.substring(1), where);
        }
        if (value == null) {
            return CellValue.EMPTY;
        }
        if (value instanceof Boolean b) {
            return new CellValue.Bool(b);
        }
        if (value instanceof String s) {
            return text(s, where);
        }
        if (value instanceof java.lang.Number n) {
            CellValue number = number(n);
            if (number == null) {
                throw error(where + ": the number " + n + " is too large for a cell");
            }
            return number;
        }
        throw error(where + ": the value is " + kind(value)
                + "; a cell holds text, a number, true/false, an ISO date or null");
    }

    /**
     * Whether {@code s} starts as both ISO patterns do ("dddd-dd-" at the length they allow): most
     * text is told apart here, without building a regex matcher per cell of a large request.
     */
    private static boolean dateShaped(String s) {
        return s.length() >= 10 && s.length() <= 35 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && isDigit(s.charAt(0)) && isDigit(s.charAt(1)) && isDigit(s.charAt(2)) && isDigit(s.charAt(3))
                && isDigit(s.charAt(5)) && isDigit(s.charAt(6));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private CellValue text(String s, String where) {
        ExcelText.requireCellText(s, "sheet '" + sheet + "', " + where);
        if (dateShaped(s)) {
            if (ISO_DATE.matcher(s).matches()) {
                try {
                    return excelDate(new CellValue.Date(LocalDate.parse(s)), s, where);
                } catch (DateTimeParseException e) {
                    throw error(where + ": '" + s + "' looks like a date but is not a real one");
                }
            }
            if (ISO_DATE_TIME.matcher(s).matches()) {
                return excelDate(dateTime(s.replace(' ', 'T'), where), s, where);
            }
        }
        return new CellValue.Text(s);
    }

    /** Excel counts days from 1900: an earlier date would be stored as a wrong number, so it stays text. */
    private static final LocalDate FIRST_EXCEL_DATE = LocalDate.of(1900, 1, 1);

    private CellValue excelDate(CellValue value, String text, String where) {
        LocalDate day = value instanceof CellValue.Date d ? d.value() : ((CellValue.DateTime) value).value().toLocalDate();
        return day.isBefore(FIRST_EXCEL_DATE) ? new CellValue.Text(text) : value;
    }

    private CellValue dateTime(String s, String where) {
        try {
            boolean hasOffset = s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
            LocalDateTime value = hasOffset
                    ? OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                    : LocalDateTime.parse(s);
            return new CellValue.DateTime(value);
        } catch (DateTimeParseException e) {
            throw error(where + ": '" + s + "' looks like a date-time but is not a real one");
        }
    }

    private static CellValue number(java.lang.Number n) {
        if (n instanceof BigInteger || n instanceof Long) {
            String digits = n.toString().replace("-", "");
            if (digits.length() > MAX_EXACT_DIGITS) {
                return new CellValue.Text(n.toString());
            }
        }
        double d = n instanceof BigDecimal big ? big.doubleValue() : n.doubleValue();
        return Double.isFinite(d) ? new CellValue.Number(d) : null;
    }

    private SheetData sheet(List<String> headers, List<List<CellValue>> rows) {
        requireColumnCount(headers.size());
        return new SheetData(sheet, headers, rows);
    }

    private void requireRowCount(int dataRows) {
        if (dataRows + 1 > MAX_ROWS) {
            throw error(dataRows + " rows do not fit: Excel allows at most " + MAX_ROWS + " rows in a sheet");
        }
    }

    private void requireColumnCount(int columns) {
        if (columns > MAX_COLUMNS) {
            throw error(columns + " columns do not fit: Excel allows at most " + MAX_COLUMNS);
        }
    }

    private static String at(int index) {
        return "data[" + index + "] (data row " + (index + 1) + ")";
    }

    private InvalidInputException error(String what) {
        return new InvalidInputException("sheet '" + sheet + "', " + what);
    }

    private static String scalarText(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof java.lang.Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "an unsupported value";
    }

    /** Excel's column letters: 0 is A, 25 is Z, 26 is AA. */
    public static String columnLetter(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }
}
