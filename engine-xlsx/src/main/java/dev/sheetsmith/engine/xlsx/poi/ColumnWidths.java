package dev.sheetsmith.engine.xlsx.poi;

/** Fitted column widths, in characters: never narrower than 6, never wider than 60. */
public final class ColumnWidths {

    public static final int MIN_CHARS = 6;
    public static final int MAX_CHARS = 60;

    private ColumnWidths() {
    }

    /** {@code chars} kept between {@link #MIN_CHARS} and {@link #MAX_CHARS}. */
    public static int fit(int chars) {
        return Math.min(MAX_CHARS, Math.max(MIN_CHARS, chars));
    }
}
