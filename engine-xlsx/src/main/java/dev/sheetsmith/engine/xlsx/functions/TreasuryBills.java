package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Treasury bills: TBILLPRICE, TBILLYIELD and TBILLEQ over the actual days from settlement to a
 * maturity at most one year later, on a 360-day year (TBILLEQ's bond equivalent on 365).
 */
final class TreasuryBills {

    private TreasuryBills() {
    }

    /** TBILLPRICE(settlement, maturity, discount) = 100 * (1 - discount * DSM / 360). */
    static ValueEval tbillprice(Args a) throws EvaluationException {
        double discount = a.number(2);
        int dsm = days(a);
        Args.require(discount > 0);
        double price = 100 * (1 - discount * dsm / 360.0);
        Args.require(price > 0);
        return Args.result(price);
    }

    /** TBILLYIELD(settlement, maturity, pr) = (100 - pr) / pr * 360 / DSM. */
    static ValueEval tbillyield(Args a) throws EvaluationException {
        double pr = a.number(2);
        int dsm = days(a);
        Args.require(pr > 0);
        return Args.result((100 - pr) / pr * 360.0 / dsm);
    }

    /**
     * TBILLEQ(settlement, maturity, discount): the bond-equivalent yield, 365 * rate / (360 - rate * DSM)
     * up to half a year (182 days); beyond, the yield of a semi-annual bond paying one coupon before
     * maturity at the bill's price.
     */
    static ValueEval tbilleq(Args a) throws EvaluationException {
        double discount = a.number(2);
        int dsm = days(a);
        Args.require(discount > 0);
        double price = 100 * (1 - discount * dsm / 360.0);
        Args.require(price > 0);
        if (dsm <= 182) {
            return Args.result(365 * discount / (360 - discount * dsm));
        }
        double t = dsm / 365.0;
        double root = Math.sqrt(t * t - (2 * t - 1) * (1 - 100 / price));
        return Args.result((-t + root) / (t - 0.5));
    }

    /** DSM: days from settlement to a maturity after it and no more than one year later. */
    private static int days(Args a) throws EvaluationException {
        int settlement = a.date(0);
        int maturity = a.date(1);
        Args.require(settlement < maturity);
        Args.require(!Args.toDate(maturity).isAfter(Args.toDate(settlement).plusYears(1)));
        return maturity - settlement;
    }
}
