package dev.sheetsmith.engine.xlsx.functions;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.BoolEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Functions POI computes, but not as Excel does: POWER (0^0 is #NUM!, 0 to a negative power
 * #DIV/0!, an odd root of a negative number is negative), LOG (base 1 is #DIV/0!), NPV (a rate of
 * -1 is #DIV/0!), CODE (a number), ROWS/COLUMNS of a single value (1), COUNT (numbers typed as
 * text and logical values typed as arguments count), CORREL (only pairs of numbers), RATE (solved
 * to the last digit) and DATE (years after 9999 are #NUM!).
 */
final class Corrections {

    private Corrections() {
    }

    static ValueEval power(Args a) throws EvaluationException {
        double x = a.number(0);
        double y = a.number(1);
        if (x == 0 && y == 0) {
            throw Args.num();
        }
        if (x == 0 && y < 0) {
            throw Args.div0();
        }
        if (x < 0 && y != Math.rint(y)) {
            double root = 1 / y;
            if (Math.abs(root - Math.rint(root)) < 1e-9 && Math.rint(root) % 2 != 0) {
                return Args.result(-Math.exp(y * Math.log(-x)));
            }
            throw Args.num();
        }
        return Args.result(Math.pow(x, y));
    }

    static ValueEval log(Args a) throws EvaluationException {
        double x = a.number(0);
        double base = a.number(1, 10);
        Args.require(x > 0 && base > 0);
        if (base == 1) {
            throw Args.div0();
        }
        return Args.result(Math.log(x) / Math.log(base));
    }

    static ValueEval npv(Args a) throws EvaluationException {
        double r = a.number(0);
        if (r == -1) {
            throw Args.div0();
        }
        double sum = 0;
        int i = 1;
        for (double v : a.numbers(1, a.count() - 1)) {
            sum += v / Math.pow(1 + r, i++);
        }
        return Args.result(sum);
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The code of the first character in Windows' Western code page (Excel for Windows' CODE). */
    static ValueEval code(Args a) throws EvaluationException {
        String s = a.text(0);
        if (s.isEmpty()) {
            throw Args.value();
        }
        String first = new String(Character.toChars(s.codePointAt(0)));
        try {
            ByteBuffer bytes = WINDOWS_1252.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(first));
            return new NumberEval(bytes.get(0) & 0xFF);
        } catch (CharacterCodingException e) {
            return new NumberEval('?');
        }
    }

    static ValueEval rows(Args a) throws EvaluationException {
        return new NumberEval(extent(a.raw(0), true));
    }

    static ValueEval columns(Args a) throws EvaluationException {
        return new NumberEval(extent(a.raw(0), false));
    }

    private static int extent(ValueEval v, boolean rows) throws EvaluationException {
        if (v instanceof ErrorEval e) {
            throw new EvaluationException(e);
        }
        if (v instanceof TwoDEval area) {
            return rows ? area.getHeight() : area.getWidth();
        }
        return 1;
    }

    static ValueEval count(Args a) {
        int n = 0;
        for (int i = 0; i < a.count(); i++) {
            ValueEval v = a.raw(i);
            if (v instanceof TwoDEval || v instanceof RefEval) {
                for (ValueEval x : a.values(i)) {
                    n += x instanceof NumberEval ? 1 : 0;
                }
            } else if (v instanceof NumberEval || v instanceof BoolEval) {
                n++;
            } else if (v instanceof StringEval s && OperandResolver.parseDouble(s.getStringValue()) != null) {
                n++;
            }
        }
        return new NumberEval(n);
    }

    static ValueEval correl(Args a) throws EvaluationException {
        List<ValueEval> xs = a.values(0);
        List<ValueEval> ys = a.values(1);
        if (xs.size() != ys.size()) {
            throw Args.na();
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            for (ValueEval v : new ValueEval[] {xs.get(i), ys.get(i)}) {
                if (v instanceof ErrorEval e) {
                    throw new EvaluationException(e);
                }
            }
            if (xs.get(i) instanceof NumberEval x && ys.get(i) instanceof NumberEval y) {
                pairs.add(new double[] {x.getNumberValue(), y.getNumberValue()});
            }
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (pairs.size() < 2 || sxx == 0 || syy == 0) {
            throw Args.div0();
        }
        return Args.result(sxy / Math.sqrt(sxx * syy));
    }

    /** The rate where the annuity identity holds, by Newton's method from the guess (0.1 by default). */
    static ValueEval rate(Args a) throws EvaluationException {
        double n = a.number(0);
        double pmt = a.number(1);
        double pv = a.number(2);
        double fv = a.number(3, 0);
        int type = a.given(4) && a.number(4) != 0 ? 1 : 0;
        double r = a.number(5, 0.1);
        Args.require(n > 0);
        for (int i = 0; i < 100; i++) {
            double f = annuity(r, n, pmt, pv, fv, type);
            double h = Math.max(1e-7, Math.abs(r) * 1e-7);
            double slope = (annuity(r + h, n, pmt, pv, fv, type) - annuity(r - h, n, pmt, pv, fv, type)) / (2 * h);
            if (!Double.isFinite(f) || !Double.isFinite(slope) || slope == 0) {
                break;
            }
            double next = r - f / slope;
            if (Math.abs(next - r) <= 1e-15 * Math.max(1, Math.abs(r))) {
                return Args.result(next);
            }
            r = next;
        }
        if (Math.abs(annuity(r, n, pmt, pv, fv, type)) < 1e-7 * Math.max(1, Math.abs(pv) + Math.abs(fv))) {
            return Args.result(r);
        }
        throw Args.num();
    }

    private static double annuity(double r, double n, double pmt, double pv, double fv, int type) {
        if (r == 0) {
            return pv + pmt * n + fv;
        }
        double g = Math.pow(1 + r, n);
        return pv * g + pmt * (1 + r * type) * (g - 1) / r + fv;
    }
}
