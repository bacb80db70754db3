package dev.sheetsmith.engine.xlsx.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.formula.CacheAreaEval;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.BlankEval;
import org.apache.poi.ss.formula.eval.BoolEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.MissingArgEval;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Excel 365's dynamic-array functions, from Microsoft's definitions: SEQUENCE, SORT, SORTBY,
 * UNIQUE, FILTER, CHOOSECOLS, CHOOSEROWS, TAKE, DROP, VSTACK and HSTACK. Each answers an array;
 * written into a cell it is stored as a (dynamic) array formula, so the cell shows the array's
 * top-left value, and an enclosing function (SUM, ROWS, INDEX, ...) takes the whole array. Where
 * Excel answers #CALC! (an empty array), an error POI cannot represent, the cell is left not
 * computed rather than given another value.
 */
final class ArrayFunctions {

    private ArrayFunctions() {
    }

    /** Thrown where Excel's answer is #CALC!: the evaluation lists the cell as not computable. */
    static final class EmptyArray extends IllegalStateException {
        EmptyArray(String function) {
            super(function + " gives an empty array, which Excel shows as #CALC!");
        }
    }

    /** An argument as rows of values (a single value is a 1x1 array). */
    static ValueEval[][] grid(ValueEval v) throws EvaluationException {
        if (v instanceof TwoDEval area) {
            ValueEval[][] g = new ValueEval[area.getHeight()][area.getWidth()];
            for (int r = 0; r < g.length; r++) {
                for (int c = 0; c < g[r].length; c++) {
                    g[r][c] = area.getValue(r, c);
                }
            }
            return g;
        }
        if (v instanceof RefEval ref) {
            return new ValueEval[][] {{ref.getInnerValueEval(ref.getFirstSheetIndex())}};
        }
        if (v instanceof ErrorEval e) {
            throw new EvaluationException(e);
        }
        return new ValueEval[][] {{v instanceof MissingArgEval ? BlankEval.instance : v}};
    }

    static ValueEval array(ValueEval[][] g, String function) {
        if (g.length == 0 || g[0].length == 0) {
            throw new EmptyArray(function);
        }
        int h = g.length;
        int w = g[0].length;
        ValueEval[] flat = new ValueEval[h * w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(g[r], 0, flat, r * w, w);
        }
        return new CacheAreaEval(0, 0, h - 1, w - 1, flat);
    }

    static ValueEval[][] transpose(ValueEval[][] g) {
        if (g.length == 0) {
            return g;
        }
        ValueEval[][] t = new ValueEval[g[0].length][g.length];
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g[r].length; c++) {
                t[c][r] = g[r][c];
            }
        }
        return t;
    }

    static ValueEval sequence(Args a) throws EvaluationException {
        int rows = a.integer(0, 1);
        int cols = a.integer(1, 1);
        double start = a.number(2, 1);
        double step = a.number(3, 1);
        if (rows < 0 || cols < 0) {
            throw Args.value();
        }
        if (rows == 0 || cols == 0) {
            throw new EmptyArray("SEQUENCE");
        }
        if ((long) rows * cols > 1_048_576L * 16_384L) {
            throw Args.value();
        }
        ValueEval[][] g = new ValueEval[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g[r][c] = new NumberEval(start + step * ((double) r * cols + c));
            }
        }
        return array(g, "SEQUENCE");
    }

    /** Excel's sort order: numbers, then text (ignoring case), then logical values, then errors; empty last. */
    static final Comparator<ValueEval> ORDER = (x, y) -> {
        int kx = kind(x);
        int ky = kind(y);
        if (kx != ky) {
            return Integer.compare(kx, ky);
        }
        if (x instanceof NumberEval nx && y instanceof NumberEval ny) {
            return Double.compare(nx.getNumberValue(), ny.getNumberValue());
        }
        if (x instanceof StringEval sx && y instanceof StringEval sy) {
            return sx.getStringValue().toLowerCase(Locale.ROOT).compareTo(sy.getStringValue().toLowerCase(Locale.ROOT));
        }
        if (x instanceof BoolEval bx && y instanceof BoolEval by) {
            return Boolean.compare(bx.getBooleanValue(), by.getBooleanValue());
        }
        return 0;
    };

    private static int kind(ValueEval v) {
        if (v instanceof NumberEval) {
            return 0;
        }
        if (v instanceof StringEval) {
            return 1;
        }
        if (v instanceof BoolEval) {
            return 2;
        }
        if (v instanceof ErrorEval) {
            return 3;
        }
        return 4;
    }

    /** Compares two values in the order asked; empty values stay last either way. */
    private static int compare(ValueEval x, ValueEval y, int order) {
        boolean ex = x instanceof BlankEval;
        boolean ey = y instanceof BlankEval;
        if (ex || ey) {
            return Boolean.compare(ex, ey);
        }
        return order * ORDER.compare(x, y);
    }

    private static int order(Args a, int i) throws EvaluationException {
        int order = a.integer(i, 1);
        if (order != 1 && order != -1) {
            throw Args.value();
        }
        return order;
    }

    static ValueEval sort(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        boolean byCol = a.bool(3, false);
        if (byCol) {
            g = transpose(g);
        }
        int index = a.integer(1, 1);
        int order = order(a, 2);
        if (index < 1 || index > g[0].length) {
            throw Args.value();
        }
        ValueEval[][] sorted = g.clone();
        Arrays.sort(sorted, (x, y) -> compare(x[index - 1], y[index - 1], order));
        return array(byCol ? transpose(sorted) : sorted, "SORT");
    }

    static ValueEval sortby(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        List<ValueEval[]> keys = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        Boolean byCol = null;
        for (int i = 1; i < a.count(); i += 2) {
            ValueEval[][] by = grid(a.raw(i));
            boolean column = by[0].length == 1 && by.length == g.length;
            boolean row = by.length == 1 && by[0].length == g[0].length && !column;
            if (!column && !row || byCol != null && byCol != row) {
                throw Args.value();
            }
            byCol = row;
            keys.add(row ? by[0] : transpose(by)[0]);
            orders.add(i + 1 < a.count() ? order(a, i + 1) : 1);
        }
        if (keys.isEmpty()) {
            throw Args.value();
        }
        boolean cols = byCol;
        ValueEval[][] lines = cols ? transpose(g) : g;
        Integer[] idx = new Integer[lines.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> {
            for (int k = 0; k < keys.size(); k++) {
                int c = compare(keys.get(k)[x], keys.get(k)[y], orders.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        ValueEval[][] out = new ValueEval[lines.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = lines[idx[i]];
        }
        return array(cols ? transpose(out) : out, "SORTBY");
    }

    /** Values equal as Excel's UNIQUE compares them (text ignoring case). */
    private static String key(ValueEval[] line) {
        StringBuilder sb = new StringBuilder();
        for (ValueEval v : line) {
            sb.append(kind(v)).append(':');
            if (v instanceof NumberEval n) {
                sb.append(n.getNumberValue());
            } else if (v instanceof StringEval s) {
                sb.append(s.getStringValue().toLowerCase(Locale.ROOT));
            } else if (v instanceof BoolEval b) {
                sb.append(b.getBooleanValue());
            } else if (v instanceof ErrorEval e) {
                sb.append(e.getErrorCode());
            }
            sb.append('\u0000');
        }
        return sb.toString();
    }

    static ValueEval unique(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        boolean byCol = a.bool(1, false);
        boolean once = a.bool(2, false);
        ValueEval[][] lines = byCol ? transpose(g) : g;
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        java.util.Map<String, ValueEval[]> first = new java.util.HashMap<>();
        for (ValueEval[] line : lines) {
            String k = key(line);
            counts.merge(k, 1, Integer::sum);
            first.putIfAbsent(k, line);
        }
        List<ValueEval[]> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            if (!once || n == 1) {
                out.add(first.get(k));
            }
        });
        ValueEval[][] result = out.toArray(new ValueEval[0][]);
        return array(byCol ? transpose(result) : result, "UNIQUE");
    }

    static ValueEval filter(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        ValueEval[][] include = grid(a.raw(1));
        boolean rows = include[0].length == 1 && include.length == g.length;
        boolean cols = !rows && include.length == 1 && include[0].length == g[0].length;
        if (!rows && !cols) {
            throw Args.value();
        }
        ValueEval[] keep = rows ? transpose(include)[0] : include[0];
        ValueEval[][] lines = rows ? g : transpose(g);
        List<ValueEval[]> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (truth(keep[i])) {
                out.add(lines[i]);
            }
        }
        if (out.isEmpty()) {
            if (a.given(2)) {
                return a.raw(2);
            }
            throw new EmptyArray("FILTER");
        }
        ValueEval[][] result = out.toArray(new ValueEval[0][]);
        return array(rows ? result : transpose(result), "FILTER");
    }

    private static boolean truth(ValueEval v) throws EvaluationException {
        if (v instanceof ErrorEval e) {
            throw new EvaluationException(e);
        }
        if (v instanceof BoolEval b) {
            return b.getBooleanValue();
        }
        if (v instanceof NumberEval n) {
            return n.getNumberValue() != 0;
        }
        if (v instanceof BlankEval) {
            return false;
        }
        throw Args.value();
    }

    static ValueEval chooseCols(Args a) throws EvaluationException {
        return array(transpose(choose(transpose(grid(a.raw(0))), a)), "CHOOSECOLS");
    }

    static ValueEval chooseRows(Args a) throws EvaluationException {
        return array(choose(grid(a.raw(0)), a), "CHOOSEROWS");
    }

    /** The lines numbered by arguments 1.. (negative counts from the end; 0 or beyond is #VALUE!). */
    private static ValueEval[][] choose(ValueEval[][] lines, Args a) throws EvaluationException {
        List<ValueEval[]> out = new ArrayList<>();
        for (int i = 1; i < a.count(); i++) {
            for (double d : a.numbers(i, i)) {
                int n = (int) d;
                int at = n > 0 ? n - 1 : lines.length + n;
                if (n == 0 || at < 0 || at >= lines.length) {
                    throw Args.value();
                }
                out.add(lines[at]);
            }
        }
        return out.toArray(new ValueEval[0][]);
    }

    static ValueEval take(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        if (a.given(1)) {
            g = takeLines(g, a.integer(1), "TAKE");
        }
        if (a.given(2)) {
            g = transpose(takeLines(transpose(g), a.integer(2), "TAKE"));
        }
        return array(g, "TAKE");
    }

    private static ValueEval[][] takeLines(ValueEval[][] g, int n, String function) {
        if (n == 0) {
            throw new EmptyArray(function);
        }
        int k = Math.min(Math.abs(n), g.length);
        return n > 0 ? Arrays.copyOfRange(g, 0, k) : Arrays.copyOfRange(g, g.length - k, g.length);
    }

    static ValueEval drop(Args a) throws EvaluationException {
        ValueEval[][] g = grid(a.raw(0));
        if (a.given(1)) {
            g = dropLines(g, a.integer(1));
        }
        if (a.given(2)) {
            g = transpose(dropLines(transpose(g), a.integer(2)));
        }
        return array(g, "DROP");
    }

    private static ValueEval[][] dropLines(ValueEval[][] g, int n) {
        int k = Math.min(Math.abs(n), g.length);
        if (k == g.length) {
            throw new EmptyArray("DROP");
        }
        return n >= 0 ? Arrays.copyOfRange(g, k, g.length) : Arrays.copyOfRange(g, 0, g.length - k);
    }

    static ValueEval vstack(Args a) throws EvaluationException {
        List<ValueEval[][]> parts = new ArrayList<>();
        int width = 0;
        for (int i = 0; i < a.count(); i++) {
            ValueEval[][] g = grid(a.raw(i));
            parts.add(g);
            width = Math.max(width, g[0].length);
        }
        List<ValueEval[]> out = new ArrayList<>();
        for (ValueEval[][] g : parts) {
            for (ValueEval[] line : g) {
                ValueEval[] padded = Arrays.copyOf(line, width);
                Arrays.fill(padded, line.length, width, ErrorEval.NA);
                out.add(padded);
            }
        }
        return array(out.toArray(new ValueEval[0][]), "VSTACK");
    }

    static ValueEval hstack(Args a) throws EvaluationException {
        List<ValueEval[][]> parts = new ArrayList<>();
        int height = 0;
        for (int i = 0; i < a.count(); i++) {
            ValueEval[][] g = transpose(grid(a.raw(i)));
            parts.add(g);
            height = Math.max(height, g[0].length);
        }
        List<ValueEval[]> out = new ArrayList<>();
        for (ValueEval[][] g : parts) {
            for (ValueEval[] line : g) {
                ValueEval[] padded = Arrays.copyOf(line, height);
                Arrays.fill(padded, line.length, height, ErrorEval.NA);
                out.add(padded);
            }
        }
        return array(transpose(out.toArray(new ValueEval[0][])), "HSTACK");
    }
}
