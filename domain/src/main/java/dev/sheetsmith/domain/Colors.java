package dev.sheetsmith.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Colours as tools take them: hex like "4472C4" or "#4472C4" (ARGB "FF4472C4" too), or a few names. */
public final class Colors {

    private static final Pattern HEX = Pattern.compile("#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8}|[0-9A-Fa-f]{3})");
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("black", "000000"),
            Map.entry("white", "FFFFFF"), Map.entry("red", "FF0000"), Map.entry("green", "00B050"),
            Map.entry("blue", "4472C4"), Map.entry("yellow", "FFFF00"), Map.entry("orange", "FFC000"),
            Map.entry("purple", "7030A0"), Map.entry("gray", "808080"), Map.entry("grey", "808080"),
            Map.entry("light_gray", "D9D9D9"), Map.entry("light_grey", "D9D9D9"), Map.entry("dark_blue", "1F4E78"),
            Map.entry("light_blue", "DDEBF7"), Map.entry("light_green", "E2EFDA"), Map.entry("light_yellow", "FFF2CC"),
            Map.entry("light_red", "FFC7CE"), Map.entry("dark_red", "9C0006"), Map.entry("dark_green", "006100"),
            Map.entry("navy", "000080"), Map.entry("teal", "008080"), Map.entry("pink", "FF99CC"),
            Map.entry("brown", "996633"));

    private Colors() {
    }

    /**
     * @param where the argument's name for the error, e.g. "'font.color'"
     * @return six upper-case hex digits RRGGBB, or null when {@code value} is null
     */
    public static String parse(String value, String where) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        String named = NAMES.get(text.toLowerCase(Locale.ROOT).replace(' ', '_'));
        if (named != null) {
            return named;
        }
        if (!HEX.matcher(text).matches()) {
            throw new InvalidInputException(where + " must be a hex colour such as \"4472C4\" or \"#FF0000\", or one of "
                    + new java.util.TreeSet<>(NAMES.keySet()) + "; got '" + value + "'");
        }
        String hex = text.startsWith("#") ? text.substring(1) : text;
        if (hex.length() == 3) {
            StringBuilder six = new StringBuilder();
            for (char c : hex.toCharArray()) {
                six.append(c).append(c);
            }
            hex = six.toString();
        }
        if (hex.length() == 8) {
            hex = hex.substring(2);
        }
        return hex.toUpperCase(Locale.ROOT);
    }
}
