package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Securities that pay their interest at maturity: ACCRINTM, PRICEMAT and YIELDMAT, each over year
 * fractions (days / days in the basis' year) between issue, settlement and maturity.
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
