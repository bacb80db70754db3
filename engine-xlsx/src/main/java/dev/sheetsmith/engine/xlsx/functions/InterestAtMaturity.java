package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NotImplementedException;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Accrued interest (ACCRINT, ACCRINTM) and securities that pay their interest at maturity (PRICEMAT,
 * YIELDMAT), over year fractions (days / days in the basis' year) between their dates.
 */
final class InterestAtMaturity {

    private InterestAtMaturity() {
    }

    /** ACCRINTM(issue, settlement, rate, [par], [basis]) = par * rate * A / D. */
    static ValueEval accrintm(Args a) throws EvaluationException {
        int issue = a.date(0);
        int settlement = a.date(1);
        double rate = a.number(2);
        double par = a.number(3, 1000);
        int basis = DayCount.basis(a.integer(4, 0));
        Args.require(issue < settlement && rate > 0 && par > 0);
        return Args.result(par * rate * DiscountSecurities.years(Args.toDate(issue), Args.toDate(settlement), basis));
    }

    /**
     * ACCRINT(issue, first_interest, settlement, rate, [par], frequency, [basis], [calc_method]) =
     * par * rate / frequency * the sum over the quasi-coupon periods (coupon dates stepped from
     * first_interest) between issue and settlement of accrued days / the period's normal length.
     * calc_method FALSE with settlement after first_interest (interest from first_interest only) is
     * not computed: left to Excel rather than guessed.
     */
    static ValueEval accrint(Args a) throws EvaluationException {
        int issue = a.date(0);
        int firstInterest = a.date(1);
        int settlement = a.date(2);
        double rate = a.number(3);
        double par = a.number(4, 1000);
        int frequency = DayCount.frequency(a.integer(5));
        int basis = DayCount.basis(a.integer(6, 0));
        boolean fromIssue = a.bool(7, true);
        Args.require(issue < settlement && rate > 0 && par > 0);
        if (!fromIssue && settlement > firstInterest) {
            throw new NotImplementedException("ACCRINT with calc_method FALSE after the first interest date");
        }
        LocalDate start = Args.toDate(issue);
        LocalDate end = Args.toDate(settlement);
        LocalDate first = Args.toDate(firstInterest);
        int months = 12 / frequency;
        int k = 0;
        while (!Coupons.couponDate(first, k * months).isAfter(start)) {
            k--;
        }
        while (Coupons.couponDate(first, (k + 1) * months).isAfter(start)) {
            k++;
        }
        // periods [couponDate(k + 1), couponDate(k)] walk forward from the one holding issue
        double sum = 0;
        for (int i = k; ; i--) {
            LocalDate from = Coupons.couponDate(first, (i + 1) * months);
            LocalDate to = Coupons.couponDate(first, i * months);
            LocalDate a0 = from.isBefore(start) ? start : from;
            LocalDate a1 = to.isAfter(end) ? end : to;
            if (a1.isAfter(a0)) {
                sum += days(a0, a1, basis) / normalLength(from, to, frequency, basis);
            }
            if (!to.isBefore(end)) {
                break;
            }
        }
        return Args.result(par * rate / frequency * sum);
    }

    private static double days(LocalDate from, LocalDate to, int basis) {
        return switch (basis) {
            case 0 -> DayCount.days360Us(from, to);
            case 4 -> DayCount.days360Eu(from, to);
            default -> DayCount.actual(from, to);
        };
    }

    private static double normalLength(LocalDate from, LocalDate to, int frequency, int basis) {
        return switch (basis) {
            case 1 -> DayCount.actual(from, to);
            case 3 -> 365.0 / frequency;
            default -> 360.0 / frequency;
        };
    }

    /**
     * PRICEMAT(settlement, maturity, issue, rate, yld, [basis]) per 100 face value:
     * (100 + DIM/B * rate * 100) / (1 + DSM/B * yld) - A/B * rate * 100.
     */
    static ValueEval pricemat(Args a) throws EvaluationException {
        Dates d = Dates.of(a);
        double rate = a.number(3);
        double yld = a.number(4);
        Args.require(rate >= 0 && yld >= 0);
        return Args.result((100 + d.issueToMaturity * rate * 100) / (1 + d.settlementToMaturity * yld)
                - d.issueToSettlement * rate * 100);
    }

    /**
     * YIELDMAT(settlement, maturity, issue, rate, pr, [basis]):
     * ((1 + DIM/B * rate) - (pr/100 + A/B * rate)) / (pr/100 + A/B * rate) * B/DSM.
     */
    static ValueEval yieldmat(Args a) throws EvaluationException {
        Dates d = Dates.of(a);
        double rate = a.number(3);
        double pr = a.number(4);
        Args.require(rate >= 0 && pr > 0);
        double paid = pr / 100 + d.issueToSettlement * rate;
        return Args.result((1 + d.issueToMaturity * rate - paid) / paid / d.settlementToMaturity);
    }

    /** Settlement, maturity and issue at 0, 1, 2 and the basis at 5, as year fractions. */
    private record Dates(double issueToMaturity, double settlementToMaturity, double issueToSettlement) {
        static Dates of(Args a) throws EvaluationException {
            int settlement = a.date(0);
            int maturity = a.date(1);
            int issue = a.date(2);
            int basis = DayCount.basis(a.integer(5, 0));
            Args.require(settlement < maturity && issue < settlement);
            LocalDate s = Args.toDate(settlement);
            LocalDate m = Args.toDate(maturity);
            LocalDate i = Args.toDate(issue);
            return new Dates(DiscountSecurities.years(i, m, basis), DiscountSecurities.years(s, m, basis),
                    DiscountSecurities.years(i, s, basis));
        }
    }
}
