package dev.sheetsmith.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The formula policy: a formula may compute anything from the workbook, but nothing it does may
 * reach outside it. Refused are
 * <ul>
 *   <li>functions that use the network, other programs or Microsoft's online services, by name:
 *       WEBSERVICE, FILTERXML, IMAGE (it fetches its picture when the file opens, so even a fixed
 *       address tells a stranger who opened the file and when), STOCKHISTORY, TRANSLATE,
 *       DETECTLANGUAGE, COPILOT, PY, RTD, CALL, REGISTER(.ID), SQL.REQUEST, DDE and Google's
 *       IMPORT* functions; and DDE links such as {@code =cmd|'/c calc'!A1};</li>
 *   <li>references to other workbooks or files, written out ({@code [Book.xlsx]Sheet1!A1}, a
 *       path) or as text for INDIRECT ({@code INDIRECT("[Book.xlsx]Sheet1!A1")});</li>
 *   <li>HYPERLINK to anything but a web or mail address or a place in this workbook: a
 *       {@code file://} or UNC path ({@code \\host\share}) makes Windows send the user's
 *       credentials on a click, and {@code javascript:} runs code.</li>
 * </ul>
 * This class holds the rules; it checks the text of a formula before anything is read. The xlsx
 * plugin applies the same rules to the formula as Excel parses it (which argument is a literal
 * and which is computed), through {@link #requireSafeFunction}, {@link #requireSafeLink},
 * {@link #isSafeLinkStart} and {@link #requireSafeReferenceText}.
 */
public final class Formulas {

    private static final List<String> FORBIDDEN_FUNCTIONS = List.of("WEBSERVICE", "FILTERXML", "RTD", "CALL",
            "REGISTER.ID", "REGISTER", "DDE", "DDEAUTO", "IMPORTDATA", "IMPORTXML", "IMPORTHTML", "IMPORTRANGE",
            "IMPORTFEED", "IMAGE", "STOCKHISTORY", "TRANSLATE", "DETECTLANGUAGE", "COPILOT", "PY", "SQL.REQUEST");
    /** The link targets HYPERLINK may have; "#" is a place in this workbook, e.g. "#Sheet2!A1". */
    private static final List<String> SAFE_LINK_STARTS = List.of("https://", "http://", "mailto:", "#");
    private static final Pattern FUNCTION = Pattern.compile("(?<![A-Z0-9_.])([A-Z_][A-Z0-9_.]*)\\s*\\(");
    /**
     * Another workbook: a bracketed book before a sheet and '!' ([Book.xlsx]Sheet1!A1, [1]Sheet1!A1,
     * '[Book.xlsx]My sheet'!A1), a path or an address. A table's structured reference
     * (Orders[Qty], [@Qty], Orders[[#Totals],[Qty]]) has no '!' after its brackets.
     */
    private static final Pattern EXTERNAL = Pattern.compile(
            "\\[[^\\]\\[]*\\][^\\[\\]!(),;+\\-*/^&=<>:' ]*!|\\[[^\\]\\[]*\\][^'\\[\\]]*'!|\\\\\\\\|[A-Z]:\\\\|https?://|file:");
    public static final int MAX_LENGTH = 8_192;

    private Formulas() {
    }

    /** Refuses a function that reaches outside the workbook; {@code name} may carry Excel's _xlfn. prefix. */
    public static void requireSafeFunction(String name, String where) {
        String plain = name.toUpperCase(Locale.ROOT).replaceFirst("^(_XLFN\\.|_XLWS\\.|_XLUDF\\.)+", "");
        if (FORBIDDEN_FUNCTIONS.contains(plain)) {
            throw new InvalidInputException(where + ": " + plain + "() is not allowed, because it reaches outside"
                    + " the workbook (network, other programs or other files)");
        }
    }

    /** A HYPERLINK target written in the formula: a web or mail address, or a place in this workbook. */
    public static void requireSafeLink(String target, String where) {
        String t = target.strip();
        if (!isSafeLinkStart(t)) {
            throw new InvalidInputException(where + ": HYPERLINK to '" + shorten(t) + "' is not allowed; a link may"
                    + " go to an https:, http: or mailto: address or to a place in this workbook (\"#Sheet1!A1\")."
                    + " File and network paths (file://, \\\\host\\share, C:\\...), javascript: and other schemes"
                    + " are refused");
        }
        if (t.startsWith("#")) {
            requireSafeReferenceText(t.substring(1), where);
        }
    }

    /**
     * Whether a link target starts safely: true for "https://", "http://", "mailto:" or "#" first.
     * A HYPERLINK whose target is computed is allowed only when it begins with such a literal.
     */
    public static boolean isSafeLinkStart(String literal) {
        String t = literal.stripLeading().toLowerCase(Locale.ROOT);
        return SAFE_LINK_STARTS.stream().anyMatch(t::startsWith);
    }

    /**
     * Text that INDIRECT (or a "#" link) turns into a reference: it must not name another workbook
     * ("[Book.xlsx]Sheet1!A1") or a file or network path. A reference within the workbook never
     * holds '\', '/' or '|', nor starts with '['.
     */
    public static void requireSafeReferenceText(String text, String where) {
        String t = text.strip();
        while (t.startsWith("'") || t.startsWith("=")) {
            t = t.substring(1);
        }
        if (t.startsWith("[") || text.contains("\\") || text.contains("/") || text.contains("|")) {
            throw new InvalidInputException(where + ": the text '" + shorten(text) + "' would refer to another"
                    + " workbook or a file, which is not allowed; refer to sheets of this workbook only");
        }
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /** @param where e.g. "sheet 'Data', cell B7", used in the error message */
    public static CellValue.Formula requireSafe(String formula, String where) {
        String expression = formula.startsWith("=") ? formula.substring(1) : formula;
        if (expression.isBlank()) {
            throw new InvalidInputException(where + ": '=' alone is not a formula");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidInputException(where + ": the formula is longer than " + MAX_LENGTH + " characters");
        }
        ExcelText.requireStorable(expression, where);
        String code = withoutStrings(expression).toUpperCase(Locale.ROOT);
        var m = FUNCTION.matcher(code);
        while (m.find()) {
            requireSafeFunction(m.group(1), where);
        }
        if (code.contains("|")) {
            throw new InvalidInputException(where + ": DDE links (program|topic!item) are not allowed");
        }
        if (EXTERNAL.matcher(code).find()) {
            throw new InvalidInputException(where + ": references to other workbooks or files are not allowed");
        }
        return new CellValue.Formula(expression);
    }

    /** The formula with string literals blanked, so text such as "a|b" is not taken for code. */
    public static String withoutStrings(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        boolean inString = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"') {
                inString = !inString;
                out.append('"');
            } else {
                out.append(inString ? ' ' : c);
            }
        }
        return out.toString();
    }
}
