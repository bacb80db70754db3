package dev.sheetsmith.engine.xlsx.functions;

import java.util.List;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Loans and schedules from Excel's definitions: IPMT, PPMT (with payments at the start of a
 * period, type 1), CUMIPMT, CUMPRINC, ISPMT, EFFECT, NOMINAL, PDURATION, RRI, FVSCHEDULE, XNPV and
 * XIRR. Excel's annuity identity: pv*(1+r)^n + pmt*(1+r*type)*((1+r)^n-1)/r + fv = 0.
 */
final class Annuities {

    private Annuities() {
    }

    static double pmt(double r, double n, double pv, double fv, int type) {
        if (r == 0) {
            return -(pv + fv) / n;
        }
        double g = Math.pow(1 + r, n);
        return -(r * (fv + pv * g)) / ((1 + r * type) * (g - 1));
    }

    static double fv(double r, double n, double pmt, double pv, int type) {
        if (r == 0) {
            return -(pv + pmt * n);
        }
        double g = Math.pow(1 + r, n);
        return -(pv * g + pmt * (1 + r * type) * (g - 1) / r);
    }

    /** The interest part of payment {@code per} (1-based): what the balance before it earns. */
    static double ipmt(double r, int per, double n, double pv, double fv, int type) {
        double pmt = pmt(r, n, pv, fv, type);
        if (type == 1 && per == 1) {
            return 0;
        }
        double balance = fv(r, per - 1, pmt, pv, type);
        double interest = balance * r;
        return type == 1 ? interest / (1 + r) : interest;
    }

    private static int type(Args a, int i) throws EvaluationException {
        return a.given(i) && a.number(i) != 0 ? 1 : 0;
    }

    static ValueEval ipmt(Args a) throws EvaluationException {
        double r = a.number(0);
        double per = a.number(1);
        double n = a.number(2);
        double pv = a.number(3);
        double fv = a.number(4, 0);
        int type = type(a, 5);
        Args.require(per >= 1 && per <= n);
        return Args.result(ipmt(r, (int) Math.ceil(per), n, pv, fv, type) + 0.0);
    }

    static ValueEval ppmt(Args a) throws EvaluationException {
        double r = a.number(0);
        double per = a.number(1);
        double n = a.number(2);
        double pv = a.number(3);
        double fv = a.number(4, 0);
        int type = type(a, 5);
        Args.require(per >= 1 && per <= n);
        return Args.result(pmt(r, n, pv, fv, type) - ipmt(r, (int) Math.ceil(per), n, pv, fv, type));
    }

    static ValueEval cumipmt(Args a) throws EvaluationException {
        return cumulative(a, true);
    }

    static ValueEval cumprinc(Args a) throws EvaluationException {
        return cumulative(a, false);
    }

    private static ValueEval cumulative(Args a, boolean interest) throws EvaluationException {
        double r = a.number(0);
        int n = a.integer(1);
        double pv = a.number(2);
        int start = a.integer(3);
        int end = a.integer(4);
        double t = a.number(5);
        Args.require(r > 0 && n > 0 && pv > 0 && start >= 1 && end >= start && end <= n && (t == 0 || t == 1));
        int type = (int) t;
        double pmt = pmt(r, n, pv, 0, type);
        double sum = 0;
        for (int per = start; per <= end; per++) {
            double i = ipmt(r, per, n, pv, 0, type);
            sum += interest ? i : pmt - i;
        }
        return Args.result(sum);
    }

    static ValueEval ispmt(Args a) throws EvaluationException {
        double r = a.number(0);
        double per = a.number(1);
        double n = a.number(2);
        double pv = a.number(3);
        if (n == 0) {
            throw Args.div0();
        }
        return Args.result(pv * r * (per / n - 1));
    }

    static ValueEval effect(Args a) throws EvaluationException {
        double nominal = a.number(0);
        int n = a.integer(1);
        Args.require(nominal > 0 && n >= 1);
        return Args.result(Math.pow(1 + nominal / n, n) - 1);
    }

    static ValueEval nominal(Args a) throws EvaluationException {
        double effect = a.number(0);
        int n = a.integer(1);
        Args.require(effect > 0 && n >= 1);
        return Args.result(n * (Math.pow(1 + effect, 1.0 / n) - 1));
    }

    static ValueEval pduration(Args a) throws EvaluationException {
        double r = a.number(0);
        double pv = a.number(1);
        double fv = a.number(2);
        Args.require(r > 0 && pv > 0 && fv > 0);
        return Args.result((Math.log(fv) - Math.log(pv)) / Math.log(1 + r));
    }

    static ValueEval rri(Args a) throws EvaluationException {
        double n = a.number(0);
        double pv = a.number(1);
        double fv = a.number(2);
        Args.require(n > 0 && pv != 0);
        return Args.result(Math.pow(fv / pv, 1 / n) - 1);
    }

    /** The principal grown by each rate of the schedule in turn; an empty cell is a rate of 0. */
    static ValueEval fvschedule(Args a) throws EvaluationException {
        double value = a.number(0);
        for (ValueEval v : a.values(1)) {
            if (v instanceof org.apache.poi.ss.formula.eval.BlankEval) {
                continue;
            }
            value *= 1 + org.apache.poi.ss.formula.eval.OperandResolver.coerceValueToDouble(
                    v instanceof org.apache.poi.ss.formula.eval.ErrorEval e ? raise(e) : v);
        }
        return Args.result(value);
    }

    private static ValueEval raise(org.apache.poi.ss.formula.eval.ErrorEval e) throws EvaluationException {
        throw new EvaluationException(e);
    }

    /** Cash flows and their dates: equally many, dates truncated, none before the first. */
    private static double[][] flows(Args a, int values, int dates) throws EvaluationException {
        List<Double> vs = a.numbers(values, values);
        List<Double> ds = a.numbers(dates, dates);
        Args.require(vs.size() == ds.size() && !vs.isEmpty());
        double[][] out = new double[2][vs.size()];
        for (int i = 0; i < vs.size(); i++) {
            out[0][i] = vs.get(i);
            out[1][i] = Math.floor(ds.get(i));
            Args.require(out[1][i] >= 0 && out[1][i] >= out[1][0]);
        }
        return out;
    }

    private static double xnpv(double r, double[][] f) {
        double sum = 0;
        for (int i = 0; i < f[0].length; i++) {
            sum += f[0][i] / Math.pow(1 + r, (f[1][i] - f[1][0]) / 365);
        }
        return sum;
    }

    static ValueEval xnpv(Args a) throws EvaluationException {
        double r = a.number(0);
        double[][] f = flows(a, 1, 2);
        Args.require(r > 0);
        return Args.result(xnpv(r, f));
    }

    /** The rate where XNPV is 0, by Newton's method from the guess (0.1 by default). */
    static ValueEval xirr(Args a) throws EvaluationException {
        double[][] f = flows(a, 0, 1);
        double r = a.number(2, 0.1);
        boolean positive = false;
        boolean negative = false;
        for (double v : f[0]) {
            positive |= v > 0;
            negative |= v < 0;
        }
        Args.require(positive && negative && r > -1);
        for (int i = 0; i < 100; i++) {
            double value = 0;
            double slope = 0;
            for (int j = 0; j < f[0].length; j++) {
                double t = (f[1][j] - f[1][0]) / 365;
                double d = Math.pow(1 + r, t);
                value += f[0][j] / d;
                slope -= t * f[0][j] / (d * (1 + r));
            }
            if (slope == 0 || !Double.isFinite(value)) {
                break;
            }
            double next = r - value / slope;
            if (next <= -1) {
                next = (r - 1) / 2;
            }
            if (Math.abs(next - r) < 1e-12) {
                return new NumberEval(next);
            }
            r = next;
        }
        throw Args.num();
    }
}
