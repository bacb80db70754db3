package dev.sheetsmith.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses formulas that reach outside the workbook: the network (WEBSERVICE, FILTERXML), other
 * programs (RTD, CALL, REGISTER.ID, DDE links such as {@code =cmd|'/c calc'!A1}) and other
 * workbooks (external references such as {@code [Book.xlsx]Sheet1!A1} or a file path).
 */
public final class Formulas {

    private static final List<String> FORBIDDEN_FUNCTIONS = List.of("WEBSERVICE", "FILTERXML", "RTD", "CALL",
            "REGISTER.ID", "REGISTER", "DDE", "DDEAUTO", "IMPORTDATA", "IMPORTXML", "IMPORTHTML", "IMPORTRANGE");
    private static final Pattern FUNCTION = Pattern.compile("(?<![A-Z0-9_.])([A-Z_][A-Z0-9_.]*)\\s*\\(");
    private static final Pattern EXTERNAL = Pattern.compile("\\[[^\\]]*\\]|\\\\\\\\|[A-Z]:\\\\|https?://|file:");
    public static final int MAX_LENGTH = 8_192;

    private Formulas() {
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
        String code = withoutStrings(expression).toUpperCase(Locale.ROOT);
        var m = FUNCTION.matcher(code);
        while (m.find()) {
            String name = m.group(1).replaceFirst("^_XL(FN|WS)\\.", "");
            if (FORBIDDEN_FUNCTIONS.contains(name)) {
                throw new InvalidInputException(where + ": " + name + "() is not allowed, because it reaches outside"
                        + " the workbook (network, other programs or other files)");
            }
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
    private static String withoutStrings(String expression) {
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
