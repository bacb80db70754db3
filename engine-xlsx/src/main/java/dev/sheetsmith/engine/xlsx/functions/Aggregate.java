package dev.sheetsmith.engine.xlsx.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.formula.EvaluationCell;
import org.apache.poi.ss.formula.EvaluationSheet;
import org.apache.poi.ss.formula.EvaluationWorkbook;
import org.apache.poi.ss.formula.OperationEvaluationContext;
import org.apache.poi.ss.formula.eval.AreaEval;
import org.apache.poi.ss.formula.eval.BlankEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.MissingArgEval;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.FreeRefFunction;
import org.apache.poi.ss.formula.ptg.AbstractFunctionPtg;
import org.apache.poi.ss.formula.ptg.NameXPxg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.usermodel.CellType;

/**
 * AGGREGATE(function_num, options, ref1, [ref2], ...) and AGGREGATE(function_num, options, array, k):
 * one of 19 functions over the references, leaving out what the options say: 0-3 nested SUBTOTAL
 * and AGGREGATE cells, 1/3/5/7 hidden rows, 2/3/6/7 error values.
 */
final class Aggregate implements FreeRefFunction {

    static final Aggregate INSTANCE = new Aggregate();

    private Aggregate() {
    }

    @Override
    public ValueEval evaluate(ValueEval[] args, OperationEvaluationContext ec) {
        if (args.length < 3) {
            return ErrorEval.VALUE_INVALID;
        }
        try {
            Args a = new Args(args, ec.getRowIndex(), ec.getColumnIndex());
            int function = a.integer(0);
            int options = a.integer(1);
            if (function < 1 || function > 19 || options < 0 || options > 7) {
                throw Args.value();
            }
            boolean ignoreNested = options <= 3;
            boolean ignoreHidden = options % 2 == 1;
            boolean ignoreErrors = options == 2 || options == 3 || options == 6 || options == 7;
            Values values = new Values();
            if (function >= 14) {
                if (args.length != 4 || !a.given(3)) {
                    throw Args.value();
                }
                collect(args[2], ec, ignoreNested, ignoreHidden, ignoreErrors, values);
                double k = a.number(3);
                return Args.result(ranked(function, values.numbers(), k));
            }
            for (int i = 2; i < args.length; i++) {
                collect(args[i], ec, ignoreNested, ignoreHidden, ignoreErrors, values);
            }
            return Args.result(plain(function, values));
        } catch (EvaluationException e) {
            return e.getErrorEval();
        }
    }

    /** The numbers (and, for COUNTA, the other non-blank values) an argument contributes. */
    private static final class Values {
        private final List<Double> numbers = new ArrayList<>();
        private int nonBlank;

        double[] numbers() {
            return numbers.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * SUBTOTAL as Excel computes it: functions 1-11 leave out cells holding SUBTOTAL or AGGREGATE
     * formulas (POI's own SUBTOTAL counts AGGREGATE cells), 101-111 hidden rows as well; other
     * function numbers are #VALUE!. {@code book} is the workbook under evaluation.
     */
    static ValueEval subtotal(ValueEval[] args, int row, int column, EvaluationWorkbook book) {
        if (args.length < 2) {
            return ErrorEval.VALUE_INVALID;
        }
        try {
            int function = new Args(args, row, column).integer(0);
            boolean ignoreHidden = function > 100;
            int plain = ignoreHidden ? function - 100 : function;
            if (plain < 1 || plain > 11) {
                throw Args.value();
            }
            Values values = new Values();
            for (int i = 1; i < args.length; i++) {
                collect(args[i], book, true, ignoreHidden, false, values);
            }
            return Args.result(plain(plain, values));
        } catch (EvaluationException e) {
            return e.getErrorEval();
        }
    }

    private static void collect(ValueEval arg, OperationEvaluationContext ec, boolean ignoreNested, boolean ignoreHidden,
            boolean ignoreErrors, Values values) throws EvaluationException {
        collect(arg, ec.getWorkbook(), ignoreNested, ignoreHidden, ignoreErrors, values);
    }

    private static void collect(ValueEval arg, EvaluationWorkbook ec, boolean ignoreNested, boolean ignoreHidden,
            boolean ignoreErrors, Values values) throws EvaluationException {
        if (arg instanceof RefEval ref) {
            arg = ref.offset(0, 0, 0, 0);
        }
        if (arg instanceof AreaEval area) {
            for (int r = 0; r < area.getHeight(); r++) {
                if (ignoreHidden && area.isRowHidden(r)) {
                    continue;
                }
                for (int c = 0; c < area.getWidth(); c++) {
                    if (ignoreNested && (area.isSubTotal(r, c) || nestedAggregate(area, r, c, ec))) {
                        continue;
                    }
                    add(area.getRelativeValue(r, c), ignoreErrors, values, false);
                }
            }
            return;
        }
        add(arg, ignoreErrors, values, true);
    }

    private static void add(ValueEval v, boolean ignoreErrors, Values values, boolean direct) throws EvaluationException {
        if (v instanceof ErrorEval error) {
            if (ignoreErrors) {
                return;
            }
            throw new EvaluationException(error);
        }
        if (v instanceof BlankEval || v instanceof MissingArgEval) {
            return;
        }
        values.nonBlank++;
        if (v instanceof NumberEval n) {
            values.numbers.add(n.getNumberValue());
        } else if (direct) {
            // a value typed into the call itself must be a number, as in Excel
            values.numbers.add(OperandResolver.coerceValueToDouble(v));
        }
    }

    /** Whether the cell holds an AGGREGATE (or SUBTOTAL) formula, which options 0-3 leave out. */
    private static boolean nestedAggregate(AreaEval area, int r, int c, EvaluationWorkbook book) {
        EvaluationSheet sheet = book.getSheet(area.getFirstSheetIndex());
        EvaluationCell cell = sheet.getCell(area.getFirstRow() + r, area.getFirstColumn() + c);
        if (cell == null || cell.getCellType() != CellType.FORMULA) {
            return false;
        }
        for (Ptg ptg : book.getFormulaTokens(cell)) {
            if (ptg instanceof NameXPxg name && isAggregate(name.getNameName())
                    || ptg instanceof AbstractFunctionPtg f && "SUBTOTAL".equals(f.getName())) {
                return true;
            }
        }
        return false;
    }

    static boolean isAggregate(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("AGGREGATE") || upper.equals("_XLFN.AGGREGATE");
    }

    private static double plain(int function, Values values) throws EvaluationException {
        double[] x = values.numbers();
        int n = x.length;
        switch (function) {
            case 1:
                if (n == 0) {
                    throw Args.div0();
                }
                return sum(x) / n;
            case 2:
                return n;
            case 3:
                return values.nonBlank;
            case 4:
                return n == 0 ? 0 : Arrays.stream(x).max().getAsDouble();
            case 5:
                return n == 0 ? 0 : Arrays.stream(x).min().getAsDouble();
            case 6:
                return n == 0 ? 0 : Arrays.stream(x).reduce(1, (p, v) -> p * v);
            case 7:
                return Math.sqrt(variance(x, true));
            case 8:
                return Math.sqrt(variance(x, false));
            case 9:
                return sum(x);
            case 10:
                return variance(x, true);
            case 11:
                return variance(x, false);
            case 12:
                if (n == 0) {
                    throw Args.num();
                }
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            default:
                return mode(x);
        }
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double variance(double[] x, boolean sample) throws EvaluationException {
        int n = x.length;
        if (n == 0 || sample && n == 1) {
            throw Args.div0();
        }
        double mean = sum(x) / n;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (sample ? n - 1 : n);
    }

    /** MODE.SNGL: the most frequent value, the first to reach that count; none repeated is #N/A. */
    private static double mode(double[] x) throws EvaluationException {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double v : x) {
            counts.merge(v, 1, Integer::sum);
        }
        double best = 0;
        int most = 1;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                best = e.getKey();
            }
        }
        if (most < 2) {
            throw new EvaluationException(ErrorEval.NA);
        }
        return best;
    }

    /** LARGE, SMALL, PERCENTILE.INC, QUARTILE.INC, PERCENTILE.EXC, QUARTILE.EXC. */
    private static double ranked(int function, double[] x, double k) throws EvaluationException {
        int n = x.length;
        if (n == 0) {
            throw Args.num();
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        switch (function) {
            case 14:
            case 15: {
                int rank = (int) Math.ceil(k);
                Args.require(rank >= 1 && rank <= n);
                return function == 14 ? sorted[n - rank] : sorted[rank - 1];
            }
            case 16:
                Args.require(k >= 0 && k <= 1);
                return inclusive(sorted, k);
            case 17: {
                int q = Args.truncate(k);
                Args.require(q >= 0 && q <= 4);
                return inclusive(sorted, q / 4.0);
            }
            case 18:
                Args.require(k > 0 && k < 1);
                return exclusive(sorted, k);
            default: {
                int q = Args.truncate(k);
                Args.require(q >= 1 && q <= 3);
                return exclusive(sorted, q / 4.0);
            }
        }
    }

    private static double inclusive(double[] sorted, double k) {
        double position = k * (sorted.length - 1);
        int below = (int) Math.floor(position);
        if (below + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]);
    }

    private static double exclusive(double[] sorted, double k) throws EvaluationException {
        double rank = k * (sorted.length + 1);
        Args.require(rank >= 1 && rank <= sorted.length);
        int below = (int) Math.floor(rank);
        if (below >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[below - 1] + (rank - below) * (sorted[below] - sorted[below - 1]);
    }
}
