package dev.sheetsmith.plugins.ods;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenFormula (OpenDocument 1.3, part 4), as LibreOffice saves {@code table:formula}, turned into
 * the formula text Excel keeps: {@code of:=SUM([.A1:.A3];[Sheet2.B1])} becomes
 * {@code SUM(A1:A3,Sheet2!B1)}. What has no one-for-one Excel form (3D ranges, the union and
 * intersection operators, functions in a namespace, references into other files, other syntaxes)
 * is not guessed at: the caller keeps the cell's saved value instead.
 */
final class OdsFormulas {

    /** One cell address inside brackets: optional sheet, then column and row, each maybe absolute. */
    private static final Pattern CELL = Pattern.compile("(\\$?[A-Za-z]{1,3}\\$?[0-9]{1,7}|\\$?[A-Za-z]{1,3}|\\$?[0-9]{1,7})");
    private static final Pattern SHEET_PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LOOKS_LIKE_CELL = Pattern.compile("[A-Za-z]{1,3}[0-9]+|R[0-9]*C[0-9]*",
            Pattern.CASE_INSENSITIVE);

    private OdsFormulas() {
    }

    /** The Excel text without its '=', or empty when the formula has no safe one-for-one form. */
    static Optional<String> toExcel(String formula) {
        if (formula == null) {
            return Optional.empty();
        }
        String text = formula.strip();
        if (text.startsWith("of:")) {
            text = text.substring(3);
        } else if (text.startsWith("msoxl:")) {
            // Excel's own syntax, as some writers save it
            String excel = text.substring(6).strip();
            return excel.startsWith("=") && excel.length() > 1 ? Optional.of(excel.substring(1)) : Optional.empty();
        } else if (text.contains(":") && text.indexOf(':') < text.indexOf('=')) {
            return Optional.empty(); // another namespace (oooc:, a newer one): not guessed
        }
        if (!text.startsWith("=") || text.length() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(convert(text.substring(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String convert(String in) {
        StringBuilder out = new StringBuilder(in.length());
        int braces = 0;
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c == '"') {
                int end = stringEnd(in, i);
                out.append(in, i, end);
                i = end;
            } else if (c == '[') {
                int end = in.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("an unclosed reference");
                }
                out.append(reference(in.substring(i + 1, end)));
                i = end + 1;
            } else if (c == ';') {
                out.append(',');
                i++;
            } else if (c == '|' && braces > 0) {
                out.append(';'); // a new row of an inline array
                i++;
            } else if (c == '{') {
                braces++;
                out.append(c);
                i++;
            } else if (c == '}') {
                braces--;
                out.append(c);
                i++;
            } else if (c == '#') {
                int length = errorLength(in, i);
                out.append(in, i, i + length);
                i += length;
            } else if (c == '~' || c == '!' || c == '|' || c == '\'') {
                // union, intersection, and anything else without an Excel spelling
                throw new IllegalArgumentException("no Excel form for '" + c + "'");
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < in.length() && (Character.isLetterOrDigit(in.charAt(end)) || in.charAt(end) == '_'
                        || in.charAt(end) == '.')) {
                    end++;
                }
                String name = in.substring(i, end);
                if (name.indexOf('.') >= 0) {
                    throw new IllegalArgumentException("a function in a namespace: " + name);
                }
                out.append(name);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unbalanced braces");
        }
        return out.toString();
    }

    /** The length of the error value at {@code i}; any other '#' has no Excel form here. */
    private static int errorLength(String in, int i) {
        String rest = in.substring(i).toUpperCase(Locale.ROOT);
        for (String error : new String[] {"#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"}) {
            if (rest.startsWith(error)) {
                return error.length();
            }
        }
        throw new IllegalArgumentException("no Excel form for '#'");
    }

    private static int stringEnd(String in, int start) {
        int i = start + 1;
        while (i < in.length()) {
            if (in.charAt(i) == '"') {
                if (i + 1 < in.length() && in.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("an unclosed string");
    }

    /** {@code .A1}, {@code Sheet2.B1}, {@code $'My sheet'.$A$1:.B3}; not 3D ranges or other files. */
    private static String reference(String ref) {
        if (ref.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a reference into another file or an error: " + ref);
        }
        String[] parts = splitRange(ref);
        Part first = part(parts[0]);
        if (first.sheet == null) {
            throw new IllegalArgumentException("a reference without a sheet part: " + ref);
        }
        String sheet = first.sheet.isEmpty() ? "" : sheetPrefix(first.sheet);
        if (parts.length == 1) {
            return sheet + first.address;
        }
        Part second = part(parts[1]);
        if (second.sheet == null || !second.sheet.isEmpty() && !second.sheet.equals(first.sheet)) {
            throw new IllegalArgumentException("a range across sheets: " + ref);
        }
        return sheet + first.address + ":" + second.address;
    }

    private record Part(String sheet, String address) {
    }

    /** Splits at the ':' that is not inside a quoted sheet name. */
    private static String[] splitRange(String ref) {
        boolean quoted = false;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return new String[] {ref.substring(0, i), ref.substring(i + 1)};
            }
        }
        return new String[] {ref};
    }

    private static Part part(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return new Part(null, text);
        }
        String sheet = text.substring(0, dot);
        String address = text.substring(dot + 1);
        if (sheet.startsWith("$")) {
            sheet = sheet.substring(1);
        }
        if (sheet.length() >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) {
            sheet = sheet.substring(1, sheet.length() - 1).replace("''", "'");
        } else if (sheet.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a sheet name that is not quoted properly: " + text);
        }
        Matcher m = CELL.matcher(address);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a cell address: " + address);
        }
        return new Part(sheet, address.toUpperCase(Locale.ROOT));
    }

    private static String sheetPrefix(String sheet) {
        if (SHEET_PLAIN.matcher(sheet).matches() && !LOOKS_LIKE_CELL.matcher(sheet).matches()) {
            return sheet + "!";
        }
        return "'" + sheet.replace("'", "''") + "'!";
    }
}
