package dev.sheetsmith.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Named number formats (currency, percent, date, ...) and checks on custom Excel format codes. */
public final class NumberFormats {

    private static final Map<String, String> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("general", "General");
        PRESETS.put("integer", "0");
        PRESETS.put("decimal", "0.00");
        PRESETS.put("thousands", "#,##0");
        PRESETS.put("thousands_decimal", "#,##0.00");
        PRESETS.put("currency", "\"$\"#,##0.00");
        PRESETS.put("currency_usd", "\"$\"#,##0.00");
        PRESETS.put("currency_eur", "#,##0.00 \"€\"");
        PRESETS.put("currency_gbp", "\"£\"#,##0.00");
        PRESETS.put("accounting", "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)");
        PRESETS.put("percent", "0%");
        PRESETS.put("percent_decimal", "0.00%");
        PRESETS.put("date", "yyyy-mm-dd");
        PRESETS.put("date_us", "mm/dd/yyyy");
        PRESETS.put("date_eu", "dd.mm.yyyy");
        PRESETS.put("datetime", "yyyy-mm-dd hh:mm");
        PRESETS.put("time", "hh:mm:ss");
        PRESETS.put("scientific", "0.00E+00");
        PRESETS.put("text", "@");
    }

    private NumberFormats() {
    }

    public static Map<String, String> presets() {
        return Map.copyOf(PRESETS);
    }

    /** A preset's name (case-insensitive) or a custom code such as {@code #,##0.0 "kg"}; null stays null. */
    public static String resolve(String value, String where) {
        if (value == null) {
            return null;
        }
        String preset = PRESETS.get(value.strip().toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset;
        }
        String code = value.strip();
        if (code.isEmpty() || code.length() > 255) {
            throw new InvalidInputException(where + " must be a preset " + PRESETS.keySet()
                    + " or an Excel format code of at most 255 characters");
        }
        long quotes = code.chars().filter(c -> c == '"').count();
        if (quotes % 2 != 0 || code.chars().filter(c -> c == ';').count() > 3) {
            throw new InvalidInputException(where + ": '" + value + "' is not a valid format code (unbalanced quotes"
                    + " or more than four sections); presets are " + PRESETS.keySet());
        }
        // Outside quotes, [..] sections, \x escapes and _x/*x padding, only code letters may stand.
        String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("[\\\\_*].", "").replaceAll("(?i)General|AM/PM|A/P", "0");
        if (!code.matches(".*[0#?@.%EeyYmMdDhHsS\"].*")
                || bare.replaceAll("[yYmMdDhHsSeEbB]", "").matches(".*[A-Za-z].*")) {
            throw new InvalidInputException(where + ": '" + value + "' is neither a preset " + PRESETS.keySet()
                    + " nor a format code (codes use 0 # ? @ % or date letters, e.g. \"#,##0.00\")");
        }
        return code;
    }
}
