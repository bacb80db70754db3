package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Securities sold at a discount or paying interest only at maturity: DISC, PRICEDISC, YIELDDISC,
 * INTRATE and RECEIVED, each over the year fraction from settlement to maturity in its basis.
 */
final class DiscountSecurities {

    private DiscountSecurities() {
    }

    /** DISC(settlement, maturity, pr, redemption, [basis]) = (redemption - pr) / redemption / years. */
    static ValueEval disc(Args a) throws EvaluationException {
        double pr = a.number(2);
        double redemption = a.number(3);
        double years = years(a, 4);
        Args.require(pr > 0 && redemption > 0);
        return Args.result((redemption - pr) / redemption / years);
    }

    /** PRICEDISC(settlement, maturity, discount, redemption, [basis]) = redemption - discount * redemption * years. */
    static ValueEval pricedisc(Args a) throws EvaluationException {
        double discount = a.number(2);
        double redemption = a.number(3);
        double years = years(a, 4);
        Args.require(discount > 0 && redemption > 0);
        return Args.result(redemption - discount * redemption * years);
    }

    /** YIELDDISC(settlement, maturity, pr, redemption, [basis]) = (redemption - pr) / pr / years. */
    static ValueEval yielddisc(Args a) throws EvaluationException {
        double pr = a.number(2);
        double redemption = a.number(3);
        double years = years(a, 4);
        Args.require(pr > 0 && redemption > 0);
        return Args.result((redemption - pr) / pr / years);
    }

    /** INTRATE(settlement, maturity, investment, redemption, [basis]) = (redemption - investment) / investment / years. */
    static ValueEval intrate(Args a) throws EvaluationException {
        double investment = a.number(2);
        double redemption = a.number(3);
        double years = years(a, 4);
        Args.require(investment > 0 && redemption > 0);
        return Args.result((redemption - investment) / investment / years);
    }

    /** RECEIVED(settlement, maturity, investment, discount, [basis]) = investment / (1 - discount * years). */
    static ValueEval received(Args a) throws EvaluationException {
        double investment = a.number(2);
        double discount = a.number(3);
        double years = years(a, 4);
        Args.require(investment > 0 && discount > 0);
        double left = 1 - discount * years;
        Args.require(left > 0);
        return Args.result(investment / left);
    }

    /** Settlement and maturity at 0 and 1, the basis at {@code basisAt}: the years between them. */
    static double years(Args a, int basisAt) throws EvaluationException {
        int settlement = a.date(0);
        int maturity = a.date(1);
        int basis = DayCount.basis(a.integer(basisAt, 0));
        Args.require(settlement < maturity);
        return years(Args.toDate(settlement), Args.toDate(maturity), basis);
    }

    static double years(LocalDate from, LocalDate to, int basis) {
        return switch (basis) {
            case 0 -> DayCount.days360Us(from, to) / 360.0;
            case 1 -> DayCount.actual(from, to) / DayCount.actualYearLength(from, to);
            case 2 -> DayCount.actual(from, to) / 360.0;
            case 3 -> DayCount.actual(from, to) / 365.0;
            default -> DayCount.days360Eu(from, to) / 360.0;
        };
    }
}
