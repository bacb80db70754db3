package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Coupon bonds: PRICE, YIELD, DURATION and MDURATION, from Excel's definitions over the coupon
 * period settlement falls in (N coupons left, A days since the last, DSC to the next, E in the period).
 * As Excel does, they take DSC as E - A in every basis (COUPDAYSNC counts the calendar in bases 1-4).
 */
final class Bonds {

    private Bonds() {
    }

    /** PRICE(settlement, maturity, rate, yld, redemption, frequency, [basis]) per 100 face value. */
    static ValueEval price(Args a) throws EvaluationException {
        double rate = a.number(2);
        double yld = a.number(3);
        double redemption = a.number(4);
        Coupons c = Coupons.of(a, 0, 5, 6);
        Args.require(rate >= 0 && yld >= 0 && redemption > 0);
        return Args.result(price(c, rate, yld, redemption));
    }

    static double price(Coupons c, double rate, double yld, double redemption) {
        int f = c.frequency;
        int n = c.remaining;
        double e = c.pricingPeriodDays();
        double a = c.daysBefore();
        double dsc = e - a;
        double coupon = 100 * rate / f;
        if (n == 1) {
            // the last period is discounted at simple interest
            return (redemption + coupon) / (1 + dsc / e * yld / f) - coupon * a / e;
        }
        double base = 1 + yld / f;
        double p = redemption / Math.pow(base, n - 1 + dsc / e);
        for (int k = 1; k <= n; k++) {
            p += coupon / Math.pow(base, k - 1 + dsc / e);
        }
        return p - coupon * a / e;
    }

    /** YIELD(settlement, maturity, rate, pr, redemption, frequency, [basis]): the yield PRICE turns into pr. */
    static ValueEval yield(Args a) throws EvaluationException {
        double rate = a.number(2);
        double pr = a.number(3);
        double redemption = a.number(4);
        Coupons c = Coupons.of(a, 0, 5, 6);
        Args.require(rate >= 0 && pr > 0 && redemption > 0);
        int f = c.frequency;
        if (c.remaining == 1) {
            // Excel's closed form for the last period counts actual/360 and actual/365 as actual/actual
            Coupons days = c.basis == 2 || c.basis == 3 ? c.withBasis(1) : c;
            double e = days.pricingPeriodDays();
            double aDays = days.daysBefore();
            double dsr = e - aDays;
            double paid = pr / 100 + aDays / e * rate / f;
            return Args.result((redemption / 100 + rate / f - paid) / paid * f * e / dsr);
        }
        return Args.result(solveYield(c, rate, pr, redemption));
    }

    /** Newton's method on PRICE, falling back to bisection where Newton leaves the bracket. */
    private static double solveYield(Coupons c, double rate, double pr, double redemption) throws EvaluationException {
        // PRICE falls as the yield rises; bracket pr, below zero too (a price above all the payments
        // left is a negative yield), but above -frequency, where 1 + yld/frequency reaches zero
        double low = 0;
        double high = 1;
        while (price(c, rate, high, redemption) > pr) {
            high *= 2;
            Args.require(high < 1e6);
        }
        while (price(c, rate, low, redemption) < pr) {
            low = (low - c.frequency) / 2;
            Args.require(low > -c.frequency * (1 - 1e-9));
        }
        double y = rate > low && rate < high ? rate : (low + high) / 2;
        for (int i = 0; i < 200; i++) {
            double p = price(c, rate, y, redemption) - pr;
            if (Math.abs(p) < 1e-12) {
                return y;
            }
            if (p > 0) {
                low = y;
            } else {
                high = y;
            }
            double h = 1e-7;
            double slope = (price(c, rate, y + h, redemption) - price(c, rate, y - h, redemption)) / (2 * h);
            double next = y - p / slope;
            if (!(next > low && next < high)) {
                next = (low + high) / 2;
            }
            if (Math.abs(next - y) < 1e-15) {
                return next;
            }
            y = next;
        }
        return y;
    }

    /** DURATION(settlement, maturity, coupon, yld, frequency, [basis]): Macaulay duration in years. */
    static ValueEval duration(Args a) throws EvaluationException {
        double coupon = a.number(2);
        double yld = a.number(3);
        Coupons c = Coupons.of(a, 0, 4, 5);
        Args.require(coupon >= 0 && yld >= 0);
        return Args.result(duration(c, coupon, yld));
    }

    /** MDURATION: DURATION / (1 + yld / frequency). */
    static ValueEval mduration(Args a) throws EvaluationException {
        double coupon = a.number(2);
        double yld = a.number(3);
        Coupons c = Coupons.of(a, 0, 4, 5);
        Args.require(coupon >= 0 && yld >= 0);
        return Args.result(duration(c, coupon, yld) / (1 + yld / c.frequency));
    }

    private static double duration(Coupons c, double coupon, double yld) {
        int f = c.frequency;
        double first = 1 - c.daysBefore() / c.pricingPeriodDays();
        double base = 1 + yld / f;
        double weighted = 0;
        double value = 0;
        for (int k = 1; k <= c.remaining; k++) {
            double t = k - 1 + first;
            double cash = 100 * coupon / f + (k == c.remaining ? 100 : 0);
            double pv = cash / Math.pow(base, t);
            weighted += t * pv;
            value += pv;
        }
        return weighted / value / f;
    }
}
