package dev.sheetsmith.engine.xlsx.poi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cell text as the xlsx XML holds it. Excel escapes a character as "_xHHHH_" (hex) in strings, and
 * reads every such sequence back as the character, so text that itself contains one must have
 * its underscore escaped ("_x005F_") to come back unchanged.
 */
public final class CellStrings {

    private static final Pattern ESCAPE_LIKE = Pattern.compile("_(?=x[0-9A-Fa-f]{4}_)");
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private CellStrings() {
    }

    /**
     * Text as it must be written so that Excel reads it back unchanged: every underscore that
     * starts an escape-like sequence is escaped. Control characters, which XML cannot hold, take the
     * same escape, as Excel writes them: new text with them is refused (ExcelText), but a cell a
     * copy or sort moves keeps what it had.
     */
    public static String stored(String text) {
        String escaped = text.indexOf("_x") < 0 ? text : ESCAPE_LIKE.matcher(text).replaceAll("_x005F_");
        StringBuilder out = null;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (control && out == null) {
                out = new StringBuilder(escaped.length() + 16).append(escaped, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("_x%04X_", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? escaped : out.toString();
    }

    /** Text as Excel reads it from the XML: each "_xHHHH_" is its character (as POI's reader does). */
    public static String read(String xml) {
        if (xml.indexOf("_x") < 0) {
            return xml;
        }
        Matcher m = ESCAPE.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
