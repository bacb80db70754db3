package dev.sheetsmith.engine.xlsx.functions;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Statistical functions from Excel's definitions: MODE.SNGL, RANK.EQ/RANK.AVG,
 * PERCENTILE/QUARTILE (.INC and .EXC), HARMEAN, SKEW, KURT, PERMUT, BINOM.DIST, EXPON.DIST and
 * CONFIDENCE.NORM. Ranges give their numbers only; an error in them is the answer.
 */
final class Statistics {

    private Statistics() {
    }

    /** The most frequent number, the first to reach the count in the order given; #N/A when none repeats. */
    static ValueEval modeSngl(Args a) throws EvaluationException {
        List<Double> xs = a.numbers(0, a.count() - 1);
        double best = 0;
        int bestCount = 1;
        for (int i = 0; i < xs.size(); i++) {
            int n = 0;
            for (double y : xs) {
                if (y == xs.get(i)) {
                    n++;
                }
            }
            if (n > bestCount) {
                best = xs.get(i);
                bestCount = n;
            }
        }
        if (bestCount < 2) {
            throw Args.na();
        }
        return new NumberEval(best);
    }

    static ValueEval rankEq(Args a) throws EvaluationException {
        return rank(a, false);
    }

    static ValueEval rankAvg(Args a) throws EvaluationException {
        return rank(a, true);
    }

    private static ValueEval rank(Args a, boolean average) throws EvaluationException {
        double x = a.number(0);
        List<Double> xs = a.numbers(1, 1);
        boolean ascending = a.given(2) && a.number(2) != 0;
        int before = 0;
        int ties = 0;
        for (double y : xs) {
            if (y == x) {
                ties++;
            } else if (ascending ? y < x : y > x) {
                before++;
            }
        }
        if (ties == 0) {
            throw Args.na();
        }
        return new NumberEval(average ? before + (ties + 1) / 2.0 : before + 1);
    }

    private static double[] sorted(Args a, int i) throws EvaluationException {
        double[] xs = a.numbers(i, i).stream().mapToDouble(Double::doubleValue).toArray();
        if (xs.length == 0) {
            throw Args.num();
        }
        Arrays.sort(xs);
        return xs;
    }

    /** The value at 0-based position h of the sorted numbers, between neighbours by linear interpolation. */
    private static double at(double[] xs, double h) {
        int lo = (int) Math.floor(h);
        if (lo >= xs.length - 1) {
            return xs[xs.length - 1];
        }
        return xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]);
    }

    static double percentileInc(double[] xs, double k) throws EvaluationException {
        Args.require(k >= 0 && k <= 1);
        return at(xs, (xs.length - 1) * k);
    }

    static double percentileExc(double[] xs, double k) throws EvaluationException {
        Args.require(k > 0 && k < 1);
        double h = (xs.length + 1) * k - 1;
        Args.require(h >= 0 && h <= xs.length - 1);
        return at(xs, h);
    }

    static ValueEval percentileInc(Args a) throws EvaluationException {
        return new NumberEval(percentileInc(sorted(a, 0), a.number(1)));
    }

    static ValueEval percentileExc(Args a) throws EvaluationException {
        return new NumberEval(percentileExc(sorted(a, 0), a.number(1)));
    }

    static ValueEval quartileInc(Args a) throws EvaluationException {
        double[] xs = sorted(a, 0);
        int q = a.integer(1);
        Args.require(q >= 0 && q <= 4);
        return new NumberEval(percentileInc(xs, q / 4.0));
    }

    static ValueEval quartileExc(Args a) throws EvaluationException {
        double[] xs = sorted(a, 0);
        int q = a.integer(1);
        Args.require(q >= 1 && q <= 3);
        return new NumberEval(percentileExc(xs, q / 4.0));
    }

    static ValueEval harmean(Args a) throws EvaluationException {
        List<Double> xs = a.numbers(0, a.count() - 1);
        Args.require(!xs.isEmpty());
        double sum = 0;
        for (double x : xs) {
            Args.require(x > 0);
            sum += 1 / x;
        }
        return Args.result(xs.size() / sum);
    }

    /** The mean and the sample standard deviation; #DIV/0! with fewer than {@code min} numbers or no spread. */
    private static double[] moments(List<Double> xs, int min) throws EvaluationException {
        int n = xs.size();
        if (n < min) {
            throw Args.div0();
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double s = Math.sqrt(ss / (n - 1));
        if (s == 0) {
            throw Args.div0();
        }
        return new double[] {mean, s};
    }

    static ValueEval skew(Args a) throws EvaluationException {
        List<Double> xs = a.numbers(0, a.count() - 1);
        double[] m = moments(xs, 3);
        double n = xs.size();
        double sum = 0;
        for (double x : xs) {
            sum += Math.pow((x - m[0]) / m[1], 3);
        }
        return Args.result(n / ((n - 1) * (n - 2)) * sum);
    }

    static ValueEval kurt(Args a) throws EvaluationException {
        List<Double> xs = a.numbers(0, a.count() - 1);
        double[] m = moments(xs, 4);
        double n = xs.size();
        double sum = 0;
        for (double x : xs) {
            sum += Math.pow((x - m[0]) / m[1], 4);
        }
        return Args.result(n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum
                - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
    }

    static ValueEval permut(Args a) throws EvaluationException {
        int n = a.integer(0);
        int k = a.integer(1);
        Args.require(n > 0 && k >= 0 && n >= k);
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= n - i;
        }
        return Args.result(p);
    }

    static ValueEval binomDist(Args a) throws EvaluationException {
        int k = a.integer(0);
        int n = a.integer(1);
        double p = a.number(2);
        boolean cumulative = a.bool(3, false);
        Args.require(k >= 0 && n >= 0 && k <= n && p >= 0 && p <= 1);
        if (!cumulative) {
            return Args.result(binomial(n, k, p));
        }
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += binomial(n, i, p);
        }
        return Args.result(sum);
    }

    private static double binomial(int n, int k, double p) {
        double logC = 0;
        for (int i = 1; i <= k; i++) {
            logC += Math.log(n - k + i) - Math.log(i);
        }
        double q = 1 - p;
        if (p == 0) {
            return k == 0 ? 1 : 0;
        }
        if (q == 0) {
            return k == n ? 1 : 0;
        }
        return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(q));
    }

    static ValueEval exponDist(Args a) throws EvaluationException {
        double x = a.number(0);
        double lambda = a.number(1);
        boolean cumulative = a.bool(2, false);
        Args.require(x >= 0 && lambda > 0);
        return Args.result(cumulative ? 1 - Math.exp(-lambda * x) : lambda * Math.exp(-lambda * x));
    }

    static ValueEval confidenceNorm(Args a) throws EvaluationException {
        double alpha = a.number(0);
        double sd = a.number(1);
        int size = a.integer(2);
        Args.require(alpha > 0 && alpha < 1 && sd > 0 && size >= 1);
        double z = Math.sqrt(2) * Erf.erfInv(1 - alpha); // the standard normal's 1 - alpha/2 quantile
        return Args.result(z * sd / Math.sqrt(size));
    }
}
