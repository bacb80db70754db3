package dev.sheetsmith.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Excel table over a range whose first row holds the column labels.
 *
 * @param name null for the next free TableN
 * @param totals column label to function (sum, average, count, count_numbers, min, max, stddev, var);
 *     empty for no totals row
 */
public record TableSpec(CellRange range, String name, String style, Map<String, String> totals, boolean rowStripes) {

    public static final List<String> TOTAL_FUNCTIONS = List.of("sum", "average", "count", "count_numbers", "min",
            "max", "stddev", "var");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_\\\\][A-Za-z0-9_.\\\\]{0,254}");
    private static final Pattern STYLE = Pattern.compile("TableStyle(Light([1-9]|1[0-9]|2[0-1])|Medium([1-9]|1[0-9]|2[0-8])"
            + "|Dark([1-9]|1[01]))|None");

    public TableSpec {
        if (range.rowCount() < 2) {
            throw new InvalidInputException("a table needs a header row and at least one data row; " + range.toA1()
                    + " has " + range.rowCount() + " row");
        }
        if (name != null) {
            requireName(name, "'name'");
        }
        if (style != null && !STYLE.matcher(style).matches()) {
            throw new InvalidInputException("'style' must be an Excel table style such as TableStyleMedium2,"
                    + " TableStyleLight9 or TableStyleDark1, or None; got '" + style + "'");
        }
        totals = totals == null ? Map.of() : Map.copyOf(totals);
        totals.forEach((column, function) -> {
            if (!TOTAL_FUNCTIONS.contains(function)) {
                throw new InvalidInputException("total for '" + column + "' must be one of " + TOTAL_FUNCTIONS
                        + ", not '" + function + "'");
            }
        });
    }

    /** Excel names (tables, defined names): letter, _ or \ first, no spaces, not a cell reference. */
    public static String requireName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(what + " '" + name + "' must start with a letter or _ and hold only letters,"
                    + " digits, _ and . (no spaces), at most 255 characters");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.matches("[A-Z]{1,3}\\d+") || upper.matches("R\\d*C\\d*") || upper.equals("R") || upper.equals("C")) {
            throw new InvalidInputException(what + " '" + name + "' looks like a cell reference; Excel does not allow"
                    + " that, e.g. use " + name + "_");
        }
        return name;
    }
}
