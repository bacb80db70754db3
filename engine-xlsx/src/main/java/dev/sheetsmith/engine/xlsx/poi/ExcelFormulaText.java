package dev.sheetsmith.engine.xlsx.poi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A formula as a person types it and as Excel stores it in the file, and back. Excel's grid shows
 * {@code =XLOOKUP(A1,B:B,C:C)}, {@code =SORT(A1#)}, {@code =LET(x,5,x*2)} and {@code =[@Qty]*[@Price]};
 * the file holds {@code _xlfn.XLOOKUP(...)}, {@code _xlfn._xlws.SORT(_xlfn.ANCHORARRAY(A1))},
 * {@code _xlfn.LET(_xlpm.x,5,_xlpm.x*2)} and {@code Orders[[#This Row],[Qty]]*Orders[[#This Row],[Price]]}
 * (ECMA-376 and Microsoft's [MS-XLSX] "future functions"). Without the prefixes Excel and
 * LibreOffice show #NAME?. The functions that need a prefix are the data file
 * {@code excel-future-functions.txt} next to this class.
 *
 * <p>{@link #toFile} also gives a "shadow" of the formula for POI's parser, which knows neither
 * LET's parameter names nor a table's bare name: the shadow replaces those, so the parser checks
 * the syntax and the formula policy sees every function and reference, while the file keeps what
 * Excel wrote.
 */
public final class ExcelFormulaText {

    /** Function name (upper case) to the prefix Excel writes before it in the file. */
    private static final Map<String, String> PREFIX = load();

    /** The stored text, and the text POI's parser can check in its place. */
    public record Stored(String file, String shadow) {
    }

    /** What the writer knows about where the formula goes: the table the cell is in, and all table names. */
    public interface Tables {
        /** The name of the table whose data rows hold the cell, or null. */
        String tableAtCell();

        /** Whether a table of that name (any case) exists in the workbook. */
        boolean isTable(String name);
    }

    private ExcelFormulaText() {
    }

    private static Map<String, String> load() {
        Map<String, String> prefixes = new HashMap<>();
        try (var in = ExcelFormulaText.class.getResourceAsStream("excel-future-functions.txt");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                prefixes.put(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "_xlfn.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(prefixes);
    }

    /** The prefix Excel writes before a function in the file ("" for functions of Excel 2007). */
    public static String prefixOf(String function) {
        return PREFIX.getOrDefault(function.toUpperCase(Locale.ROOT), "");
    }

    /** The functions that carry a prefix in the file, upper case. */
    public static Set<String> prefixedFunctions() {
        return PREFIX.keySet();
    }

    /** The formula (without '=') as Excel stores it, and its shadow for the parser. */
    public static Stored toFile(String expression, Tables tables) {
        Set<String> params = lambdaParameters(expression);
        StringBuilder file = new StringBuilder(expression.length() + 16);
        StringBuilder shadow = new StringBuilder(expression.length() + 16);
        int n = expression.length();
        int i = 0;
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'') {
                int end = quoted(expression, i);
                both(file, shadow, expression.substring(i, end));
                i = end;
            } else if (c == '[' && startsOperand(expression, i)) {
                // [@Qty], [Qty] or [[#This Row],[Qty]] inside a table: qualified with the table's name
                int end = bracket(expression, i);
                String table = tables.tableAtCell();
                String spec = structured(expression.substring(i, end));
                both(file, shadow, table == null ? spec : table + spec);
                i = end;
            } else if (isNameStart(c) && (i == 0 || !isNamePart(expression.charAt(i - 1)))) {
                int end = i;
                while (end < n && isNamePart(expression.charAt(end))) {
                    end++;
                }
                String name = expression.substring(i, end);
                int next = skipSpaces(expression, end);
                boolean call = next < n && expression.charAt(next) == '(';
                boolean afterSheet = i > 0 && expression.charAt(i - 1) == '!';
                if (call && !afterSheet) {
                    String plain = plain(name);
                    String prefix = prefixOf(plain);
                    String stored = params.contains(plain.toUpperCase(Locale.ROOT)) ? "_xlpm." + plain : prefix + plain;
                    file.append(stored);
                    shadow.append(params.contains(plain.toUpperCase(Locale.ROOT)) ? "_xlpm." + plain : stored);
                    i = end;
                } else if (end < n && expression.charAt(end) == '[') {
                    // Table[...]: a structured reference; Table[@Qty] as Excel stores it
                    int close = bracket(expression, end);
                    both(file, shadow, name + structured(expression.substring(end, close)));
                    i = close;
                } else if (end < n && expression.charAt(end) == '#' && isCellReference(name)) {
                    // A1# (or Sheet!A1#): the spill range of A1, stored as ANCHORARRAY(A1)
                    int start = referenceStart(file);
                    String ref = file.substring(start) + name;
                    file.setLength(start);
                    int shadowStart = referenceStart(shadow);
                    shadow.setLength(shadowStart);
                    both(file, shadow, "_xlfn.ANCHORARRAY(" + ref + ")");
                    i = end + 1;
                } else if (!afterSheet && params.contains(name.toUpperCase(Locale.ROOT))) {
                    file.append("_xlpm.").append(name);
                    shadow.append("0");
                    i = end;
                } else if (!afterSheet && tables.isTable(name) && (end >= n || expression.charAt(end) != '!')) {
                    file.append(name);
                    shadow.append(name).append("[#Data]");
                    i = end;
                } else {
                    both(file, shadow, name);
                    i = end;
                }
            } else {
                both(file, shadow, String.valueOf(c));
                i++;
            }
        }
        return new Stored(file.toString(), shadow.toString());
    }

    /** The stored formula as Excel shows it: prefixes off, ANCHORARRAY(A1) as A1#. */
    public static String toDisplay(String stored) {
        if (stored == null || stored.indexOf("_xl") < 0) {
            return stored;
        }
        StringBuilder out = new StringBuilder(stored.length());
        int n = stored.length();
        int i = 0;
        while (i < n) {
            char c = stored.charAt(i);
            if (c == '"' || c == '\'') {
                int end = quoted(stored, i);
                out.append(stored, i, end);
                i = end;
            } else if (stored.startsWith("_xlfn.ANCHORARRAY(", i)) {
                int open = i + "_xlfn.ANCHORARRAY".length();
                int close = closing(stored, open);
                String inner = stored.substring(open + 1, close);
                if (inner.matches("(?:'[^']*'!|[A-Za-z0-9_.]+!)?\\$?[A-Za-z]{1,3}\\$?[0-9]+")) {
                    out.append(inner).append('#');
                    i = close + 1;
                } else {
                    out.append("ANCHORARRAY");
                    i = open;
                }
            } else if (stored.startsWith("_xlfn.", i) || stored.startsWith("_xlws.", i) || stored.startsWith("_xlpm.", i)
                    || stored.startsWith("_xludf.", i)) {
                i = stored.indexOf('.', i) + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The function name without any prefix a person may have typed. */
    private static String plain(String name) {
        String n = name;
        while (true) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.startsWith("_xlfn.") || lower.startsWith("_xlws.") || lower.startsWith("_xlpm.")) {
                n = n.substring(6);
            } else {
                return n;
            }
        }
    }

    /** Excel's short forms [@Col] and [@[Col name]] written out as the file holds them. */
    private static String structured(String spec) {
        if (spec.startsWith("[@[") && spec.endsWith("]]")) {
            return "[[#This Row]," + spec.substring(2);
        }
        if (spec.startsWith("[@") && spec.endsWith("]")) {
            String column = spec.substring(2, spec.length() - 1);
            return column.isEmpty() ? "[#This Row]" : "[[#This Row],[" + column + "]]";
        }
        return spec;
    }

    /** Names given to values by LET (every other argument but the last) and LAMBDA (all but the last). */
    static Set<String> lambdaParameters(String expression) {
        Set<String> params = new HashSet<>();
        String upper = expression.toUpperCase(Locale.ROOT);
        for (String function : List.of("LET", "LAMBDA")) {
            int from = 0;
            while (true) {
                int at = upper.indexOf(function + "(", from);
                if (at < 0) {
                    break;
                }
                from = at + 1;
                if (at > 0 && isNamePart(upper.charAt(at - 1)) && upper.charAt(at - 1) != '.') {
                    continue;
                }
                int open = at + function.length();
                List<String> args = arguments(expression, open);
                int count = args.size() - 1;
                for (int k = 0; k < count; k++) {
                    if (function.equals("LET") && k % 2 == 1) {
                        continue;
                    }
                    String arg = plain(args.get(k).strip());
                    if (arg.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                        params.add(arg.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return params;
    }

    /** The top-level arguments of the call whose '(' is at {@code open}. */
    private static List<String> arguments(String s, int open) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = quoted(s, i) - 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    args.add(s.substring(start, i));
                    return args;
                }
            } else if (c == ',' && depth == 1) {
                args.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return args;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = quoted(s, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }

    /** The index after a quoted text or sheet name starting at {@code i} (doubled quotes inside). */
    private static int quoted(String s, int i) {
        char q = s.charAt(i);
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }

    /** The index after the bracket group starting at {@code i}; a ' escapes the next character. */
    private static int bracket(String s, int i) {
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\'') {
                j++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return j + 1;
            }
        }
        return s.length();
    }

    /** Where a reference that ends the text began: a sheet prefix (Sheet1! or 'My sheet'!) included. */
    private static int referenceStart(StringBuilder s) {
        int end = s.length();
        if (end == 0 || s.charAt(end - 1) != '!') {
            return end;
        }
        int j = end - 2;
        if (j >= 0 && s.charAt(j) == '\'') {
            j--;
            while (j >= 0 && !(s.charAt(j) == '\'' && (j == 0 || s.charAt(j - 1) != '\''))) {
                j--;
            }
            return Math.max(j, 0);
        }
        while (j >= 0 && (isNamePart(s.charAt(j)) || s.charAt(j) == ':')) {
            j--;
        }
        return j + 1;
    }

    private static boolean startsOperand(String s, int i) {
        int j = i - 1;
        while (j >= 0 && s.charAt(j) == ' ') {
            j--;
        }
        return j < 0 || "=(,;+-*/^&<>:{ %@".indexOf(s.charAt(j)) >= 0;
    }

    private static boolean isCellReference(String name) {
        return name.matches("\\$?[A-Za-z]{1,3}\\$?[0-9]+");
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '\\' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '\\' || c == '$' || c == '?';
    }

    private static void both(StringBuilder file, StringBuilder shadow, String text) {
        file.append(text);
        shadow.append(text);
    }
}
