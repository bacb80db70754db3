package dev.sheetsmith.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rectangle of cells in A1 notation, 0-based and inclusive inside: {@code A1:D20}, a single cell
 * {@code C5}, whole columns {@code B:B} or {@code B:D}, whole rows {@code 2:3}.
 */
public record CellRange(int firstRow, int firstColumn, int lastRow, int lastColumn) {

    public static final int MAX_ROW = SheetInput.MAX_ROWS - 1;
    public static final int MAX_COLUMN = SheetInput.MAX_COLUMNS - 1;

    private static final Pattern CELLS = Pattern.compile("\\$?([A-Z]{1,3})\\$?(\\d{1,7})(?::\\$?([A-Z]{1,3})\\$?(\\d{1,7}))?");
    private static final Pattern COLUMNS = Pattern.compile("\\$?([A-Z]{1,3}):\\$?([A-Z]{1,3})");
    private static final Pattern ROWS = Pattern.compile("\\$?(\\d{1,7}):\\$?(\\d{1,7})");

    public CellRange {
        if (firstRow < 0 || firstColumn < 0 || lastRow > MAX_ROW || lastColumn > MAX_COLUMN || firstRow > lastRow
                || firstColumn > lastColumn) {
            throw new InvalidInputException("range rows " + (firstRow + 1) + "-" + (lastRow + 1) + ", columns "
                    + (firstColumn + 1) + "-" + (lastColumn + 1) + " is outside the sheet (at most " + (MAX_ROW + 1)
                    + " rows and " + (MAX_COLUMN + 1) + " columns) or backwards");
        }
    }

    public static CellRange parse(String a1) {
        if (a1 == null || a1.isBlank()) {
            throw new InvalidInputException("a range is required, e.g. A1:D20, B:B or 2:3");
        }
        String text = a1.strip().toUpperCase(Locale.ROOT);
        Matcher m = CELLS.matcher(text);
        if (m.matches()) {
            int r1 = row(m.group(2), a1);
            int c1 = column(m.group(1), a1);
            int r2 = m.group(3) == null ? r1 : row(m.group(4), a1);
            int c2 = m.group(3) == null ? c1 : column(m.group(3), a1);
            return new CellRange(Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2));
        }
        m = COLUMNS.matcher(text);
        if (m.matches()) {
            int c1 = column(m.group(1), a1);
            int c2 = column(m.group(2), a1);
            return new CellRange(0, Math.min(c1, c2), MAX_ROW, Math.max(c1, c2));
        }
        m = ROWS.matcher(text);
        if (m.matches()) {
            int r1 = row(m.group(1), a1);
            int r2 = row(m.group(2), a1);
            return new CellRange(Math.min(r1, r2), 0, Math.max(r1, r2), MAX_COLUMN);
        }
        throw new InvalidInputException("'" + a1 + "' is not an A1 range; use forms like A1:D20, C5, B:B or 2:3");
    }

    /** A single cell such as {@code B7}. */
    public static CellRange cell(String a1) {
        CellRange range = parse(a1);
        if (range.rowCount() != 1 || range.columnCount() != 1) {
            throw new InvalidInputException("'" + a1 + "' must be a single cell such as B7");
        }
        return range;
    }

    public static int column(String letters, String context) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        if (n - 1 > MAX_COLUMN) {
            throw new InvalidInputException("column " + letters + " in '" + context + "' is past Excel's last column XFD");
        }
        return n - 1;
    }

    private static int row(String digits, String context) {
        int n = Integer.parseInt(digits);
        if (n < 1 || n - 1 > MAX_ROW) {
            throw new InvalidInputException("row " + digits + " in '" + context + "' is outside 1-" + (MAX_ROW + 1));
        }
        return n - 1;
    }

    public int rowCount() {
        return lastRow - firstRow + 1;
    }

    public int columnCount() {
        return lastColumn - firstColumn + 1;
    }

    public long cellCount() {
        return (long) rowCount() * columnCount();
    }

    public boolean contains(int row, int column) {
        return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
    }

    /** This range cut to another (e.g. a sheet's used range); null when they do not overlap. */
    public CellRange intersect(CellRange other) {
        int r1 = Math.max(firstRow, other.firstRow);
        int c1 = Math.max(firstColumn, other.firstColumn);
        int r2 = Math.min(lastRow, other.lastRow);
        int c2 = Math.min(lastColumn, other.lastColumn);
        return r1 > r2 || c1 > c2 ? null : new CellRange(r1, c1, r2, c2);
    }

    public String toA1() {
        String start = SheetInput.columnLetter(firstColumn) + (firstRow + 1);
        String end = SheetInput.columnLetter(lastColumn) + (lastRow + 1);
        return start.equals(end) ? start : start + ":" + end;
    }

    @Override
    public String toString() {
        return toA1();
    }
}
