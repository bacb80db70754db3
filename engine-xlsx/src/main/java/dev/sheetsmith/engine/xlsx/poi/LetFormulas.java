package dev.sheetsmith.engine.xlsx.poi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.formula.BaseFormulaEvaluator;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.BoolEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.util.CellReference;

/**
 * LET computed: POI's parser cannot read LET's names (stored as {@code _xlpm.x}), so a formula with
 * LET is computed from an equivalent text in which each name is replaced by its value in
 * parentheses ({@code LET(x,5,x*2)} is {@code (5)*2}). LET's values have no side effects, so this is
 * the same computation, only without sharing a value computed once. Only for evaluation: the file
 * keeps the formula as written.
 */
final class LetFormulas {

    private static final String LET = "_xlfn.LET(";
    private static final String NAME = "_xlpm.";

    private LetFormulas() {
    }

    static boolean hasLet(String formula) {
        return formula.toLowerCase(Locale.ROOT).contains(LET.toLowerCase(Locale.ROOT));
    }

    /** The formula with every LET replaced by its body, its names by their values; null if it is not well formed. */
    static String inline(String formula) {
        String f = formula;
        for (int guard = 0; guard < 100; guard++) {
            int at = lastLet(f);
            if (at < 0) {
                return f;
            }
            int open = at + LET.length() - 1;
            int close = matching(f, open);
            if (close < 0) {
                return null;
            }
            List<String> args = split(f.substring(open + 1, close));
            if (args.size() < 3 || args.size() % 2 == 0) {
                return null;
            }
            List<String[]> names = new ArrayList<>();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                String name = args.get(i).trim();
                if (!name.regionMatches(true, 0, NAME, 0, NAME.length())) {
                    return null;
                }
                names.add(new String[] {name, "(" + substitute(args.get(i + 1), names) + ")"});
            }
            String body = "(" + substitute(args.get(args.size() - 1), names) + ")";
            f = f.substring(0, at) + body + f.substring(close + 1);
        }
        return null;
    }

    /** Computes the cell's formula with its LETs inlined, or null when that cannot be done. */
    static CellValue evaluate(FormulaEvaluator evaluator, Cell cell) {
        String inlined = inline(cell.getCellFormula());
        return inlined == null ? null : evaluateText(evaluator, cell, inlined);
    }

    /** {@code formula} computed as if it were the cell's (for evaluation only: the cell keeps its own). */
    static CellValue evaluateText(FormulaEvaluator evaluator, Cell cell, String formula) {
        if (!(evaluator instanceof BaseFormulaEvaluator base)) {
            return null;
        }
        ValueEval v = base._getWorkbookEvaluator().evaluate(formula, new CellReference(
                cell.getSheet().getSheetName(), cell.getRowIndex(), cell.getColumnIndex(), false, false));
        if (v instanceof TwoDEval area) {
            v = area.getValue(0, 0);
        } else if (v instanceof RefEval ref) {
            v = ref.getInnerValueEval(ref.getFirstSheetIndex());
        }
        if (v instanceof NumberEval n) {
            return new CellValue(n.getNumberValue());
        }
        if (v instanceof StringEval s) {
            return new CellValue(s.getStringValue());
        }
        if (v instanceof BoolEval b) {
            return CellValue.valueOf(b.getBooleanValue());
        }
        if (v instanceof ErrorEval e) {
            return CellValue.getError(e.getErrorCode());
        }
        return null;
    }

    private static int lastLet(String f) {
        return f.toLowerCase(Locale.ROOT).lastIndexOf(LET.toLowerCase(Locale.ROOT));
    }

    /** Replaces each name (not inside text) by its value; later names shadow earlier ones. */
    private static String substitute(String expression, List<String[]> names) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < expression.length()) {
                    if (expression.charAt(end) == '"') {
                        if (end + 1 < expression.length() && expression.charAt(end + 1) == '"') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                out.append(expression, i, Math.min(end + 1, expression.length()));
                i = end + 1;
                continue;
            }
            if (expression.regionMatches(true, i, NAME, 0, NAME.length())) {
                Matcher m = Pattern.compile("[A-Za-z0-9_.]+").matcher(expression);
                m.find(i);
                String name = m.group();
                String value = null;
                for (String[] n : names) {
                    if (n[0].equalsIgnoreCase(name)) {
                        value = n[1];
                    }
                }
                out.append(value != null ? value : name);
                i = m.end();
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int matching(String f, int open) {
        int depth = 0;
        boolean text = false;
        for (int i = open; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '"') {
                text = !text;
            } else if (!text && (c == '(' || c == '{')) {
                depth++;
            } else if (!text && (c == ')' || c == '}')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The arguments at the top level (commas inside parentheses, braces or text do not split). */
    private static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean text = false;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                text = !text;
            } else if (!text && (c == '(' || c == '{')) {
                depth++;
            } else if (!text && (c == ')' || c == '}')) {
                depth--;
            } else if (!text && depth == 0 && c == ',') {
                out.add(args.substring(start, i));
                start = i + 1;
            }
        }
        out.add(args.substring(start));
        return out;
    }
}
