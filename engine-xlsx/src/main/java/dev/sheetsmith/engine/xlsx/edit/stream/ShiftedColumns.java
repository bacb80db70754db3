package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;

/**
 * Where a {@code <col>} range (widths, hidden, outline) goes when columns are inserted or deleted,
 * one rule for both paths (the stream's {@link ShiftRewrite} and the user model's, whose POI
 * leaves the ranges where they were). As Excel moves them: a range after the change moves with
 * its columns; a range the inserted columns fall inside grows by them (they take its width, as
 * Excel's "same as left" does); deleted columns leave the ranges they were in.
 */
public final class ShiftedColumns {

    private static final int LAST = CellRange.MAX_COLUMN + 1;

    private ShiftedColumns() {
    }

    /**
     * The new range of a {@code <col>} spanning 1-based columns {@code min} to {@code max}, or null
     * when it goes (all its columns deleted, or pushed past Excel's last column).
     *
     * @param at the first column inserted or deleted, 0-based
     */
    public static int[] range(int min, int max, boolean insert, int at, int count) {
        int first = at + 1;
        if (insert) {
            if (max < first) {
                return new int[] {min, max};
            }
            int newMin = min >= first ? min + count : min;
            return newMin > LAST ? null : new int[] {newMin, Math.min(max + count, LAST)};
        }
        int last = at + count;
        int newMin = min < first ? min : min > last ? min - count : first;
        int newMax = max < first ? max : max > last ? max - count : first - 1;
        return newMax < newMin ? null : new int[] {newMin, newMax};
    }
}
