package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.ValueEval;

/** Depreciation of an asset: SLN, SYD, DB, DDB and VDB, as Excel defines them. */
final class Depreciation {

    private Depreciation() {
    }

    /** SLN(cost, salvage, life) = (cost - salvage) / life. */
    static ValueEval sln(Args a) throws EvaluationException {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        if (life == 0) {
            throw Args.div0();
        }
        return Args.result((cost - salvage) / life);
    }

    /** SYD(cost, salvage, life, per) = (cost - salvage) * (life - per + 1) * 2 / (life * (life + 1)). */
    static ValueEval syd(Args a) throws EvaluationException {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        double per = a.number(3);
        Args.require(life > 0 && per > 0 && per <= life);
        return Args.result((cost - salvage) * (life - per + 1) * 2 / (life * (life + 1)));
    }

    /**
     * DB(cost, salvage, life, period, [month]): fixed-declining balance at the rate
     * 1 - (salvage / cost)^(1 / life) rounded to three decimals; the first year counts its months,
     * and a first year of fewer than 12 months leaves a last period life + 1 for the rest.
     */
    static ValueEval db(Args a) throws EvaluationException {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        int period = a.integer(3);
        int month = a.integer(4, 12);
        Args.require(cost >= 0 && salvage >= 0 && life > 0 && period > 0 && month >= 1 && month <= 12);
        Args.require(period <= life || month < 12 && period <= life + 1);
        if (cost == 0) {
            return Args.result(0);
        }
        double rate = Math.round((1 - Math.pow(salvage / cost, 1 / life)) * 1000) / 1000.0;
        double total = cost * rate * month / 12;
        if (period == 1) {
            return Args.result(total);
        }
        double depreciation = 0;
        for (int p = 2; p <= period; p++) {
            depreciation = (cost - total) * rate;
            if (p > life) {
                depreciation = depreciation * (12 - month) / 12;
            }
            total += depreciation;
        }
        return Args.result(depreciation);
    }

    /**
     * DDB(cost, salvage, life, period, [factor]): declining balance at factor / life of the book
     * value, never taking the book value below salvage.
     */
    static ValueEval ddb(Args a) throws EvaluationException {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        double period = a.number(3);
        double factor = a.number(4, 2);
        Args.require(cost >= 0 && salvage >= 0 && life > 0 && period > 0 && factor > 0 && period <= life);
        double rate = Math.min(factor / life, 1);
        double before = cost * Math.pow(1 - rate, period - 1);
        double after = cost * Math.pow(1 - rate, period);
        return Args.result(after < salvage ? Math.max(0, before - salvage) : before - after);
    }

    /**
     * VDB(cost, salvage, life, start_period, end_period, [factor], [no_switch]): declining balance
     * between two (possibly fractional) periods, switching to straight line over the remaining life
     * once that is larger, unless no_switch; a part of a period takes that part of its depreciation.
     */
    static ValueEval vdb(Args a) throws EvaluationException {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        double start = a.number(3);
        double end = a.number(4);
        double factor = a.number(5, 2);
        boolean noSwitch = a.bool(6, false);
        Args.require(cost >= 0 && salvage >= 0 && life > 0 && factor > 0);
        Args.require(start >= 0 && start <= end && end <= life);
        double rate = Math.min(factor / life, 1);
        double book = cost;
        boolean straight = false;
        double sum = 0;
        for (int p = 0; p < Math.ceil(end); p++) {
            double declining = Math.max(0, Math.min(book * rate, book - salvage));
            double line = Math.max(0, (book - salvage) / (life - p));
            if (!noSwitch && (straight || line > declining)) {
                straight = true;
                declining = line;
            }
            double overlap = Math.min(end, p + 1) - Math.max(start, p);
            if (overlap > 0) {
                sum += declining * overlap;
            }
            book -= declining;
        }
        return Args.result(sum);
    }
}
