package dev.sheetsmith.domain;

/**
 * What text a workbook can hold exactly. An xlsx file is XML 1.0, which has no way to hold most
 * control characters, half a surrogate pair or U+FFFE/U+FFFF: writers put '?' in their place, so
 * such text is refused here, naming where it was, instead of being changed without a word. Tab,
 * line feed and carriage return are ordinary text. A cell holds at most 32,767 characters.
 */
public final class ExcelText {

    public static final int MAX_CELL_TEXT = 32_767;

    private ExcelText() {
    }

    /** Text for a cell: storable and at most {@link #MAX_CELL_TEXT} characters. */
    public static String requireCellText(String text, String where) {
        if (text.length() > MAX_CELL_TEXT) {
            throw new InvalidInputException(where + ": text of " + text.length() + " characters is longer than Excel's "
                    + MAX_CELL_TEXT);
        }
        return requireStorable(text, where);
    }

    /** Any text that goes into a workbook (cells, names, notes, titles, formulas); null passes. */
    public static String requireStorable(String text, String where) {
        int bad = text == null ? -1 : firstUnstorable(text);
        if (bad < 0) {
            return text;
        }
        char c = text.charAt(bad);
        if (c < 0x20) {
            throw new InvalidInputException(where + ": text contains the control character " + code(c)
                    + ", which Excel cannot store; remove it (tab, line feed and carriage return are fine)");
        }
        if (Character.isSurrogate(c)) {
            throw new InvalidInputException(where + ": text contains " + code(c) + ", half of a character (a lone"
                    + " surrogate), which Excel cannot store; send whole characters");
        }
        throw new InvalidInputException(where + ": text contains " + code(c) + ", which is not a character Excel can"
                + " store");
    }

    /** Whether a cell can hold {@code text} exactly; a quick test before an error message is built. */
    public static boolean isCellText(String text) {
        return text.length() <= MAX_CELL_TEXT && firstUnstorable(text) < 0;
    }

    /** The index of the first character XML 1.0 (so Excel) cannot hold, or -1. */
    /** Whether {@link #requireStorable} would pass the text, without building its message. */
    static boolean storable(String text) {
        return firstUnstorable(text) < 0;
    }

    private static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue; // the common case, quickly
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                return i;
            }
        }
        return -1;
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
