package dev.sheetsmith.engine.xlsx.functions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.special.Erf;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.MissingArgEval;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * Functions of POI's Analysis ToolPak that answer otherwise than Excel: STDEV.S of one number
 * (#DIV/0!), DOLLARDE/DOLLARFR (the fraction's digits), NORM.S.DIST's density, NETWORKDAYS with
 * the end before the start (negative), WORKDAY.INTL's weekend text, WEEKNUM's return types (21 is
 * the ISO week), FLOOR.MATH/CEILING.MATH's mode and a significance of 0.
 */
final class ToolPakCorrections {

    private ToolPakCorrections() {
    }

    static ValueEval stdevS(Args a) throws EvaluationException {
        List<Double> xs = a.numbers(0, a.count() - 1);
        if (xs.size() < 2) {
            throw Args.div0();
        }
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Args.result(Math.sqrt(ss / (xs.size() - 1)));
    }

    private static double digits(int fraction) {
        return Math.pow(10, Math.ceil(Math.log10(fraction)));
    }

    static ValueEval dollarde(Args a) throws EvaluationException {
        double x = a.number(0);
        int fraction = a.integer(1);
        Args.require(fraction >= 0);
        if (fraction == 0) {
            throw Args.div0();
        }
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        return Args.result(whole + (x - whole) * digits(fraction) / fraction);
    }

    static ValueEval dollarfr(Args a) throws EvaluationException {
        double x = a.number(0);
        int fraction = a.integer(1);
        Args.require(fraction >= 0);
        if (fraction == 0) {
            throw Args.div0();
        }
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        return Args.result(whole + (x - whole) * fraction / digits(fraction));
    }

    static ValueEval normSDist(Args a) throws EvaluationException {
        double z = a.number(0);
        if (!a.given(1)) {
            throw Args.value();
        }
        boolean cumulative = a.bool(1, true);
        return Args.result(cumulative ? 0.5 * Erf.erfc(-z / Math.sqrt(2))
                : Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI));
    }

    static ValueEval networkdays(Args a) throws EvaluationException {
        ValueEval[] shifted = {a.raw(0), a.raw(1), MissingArgEval.instance,
                a.count() > 2 ? a.raw(2) : MissingArgEval.instance};
        return Information.networkdaysIntl(a.with(a.count() > 2 ? shifted : new ValueEval[] {a.raw(0), a.raw(1)}));
    }

    /** The day {@code days} working days from start (backwards when negative), skipping weekend and holidays. */
    static ValueEval workdayIntl(Args a) throws EvaluationException {
        int day = a.date(0);
        int days = a.integer(1);
        boolean[] weekend = Information.weekend(a, 2);
        Set<Integer> holidays = new HashSet<>();
        if (a.given(3)) {
            for (double d : a.numbers(3, 3)) {
                holidays.add((int) d);
            }
        }
        int step = days >= 0 ? 1 : -1;
        for (int left = Math.abs(days); left > 0; ) {
            day += step;
            if (day < 1 || day > 2958465) {
                throw Args.num();
            }
            if (!weekend[Args.toDate(day).getDayOfWeek().getValue() - 1] && !holidays.contains(day)) {
                left--;
            }
        }
        return new NumberEval(day);
    }

    static ValueEval weeknum(Args a) throws EvaluationException {
        LocalDate date = Args.toDate(a.date(0));
        int type = a.integer(1, 1);
        if (type == 21) {
            return new NumberEval(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        DayOfWeek first;
        if (type == 1 || type == 17) {
            first = DayOfWeek.SUNDAY;
        } else if (type == 2 || type == 11) {
            first = DayOfWeek.MONDAY;
        } else if (type >= 12 && type <= 16) {
            first = DayOfWeek.of(type - 10);
        } else {
            throw Args.num();
        }
        LocalDate weekOne = date.withDayOfYear(1).with(TemporalAdjusters.previousOrSame(first));
        return new NumberEval(ChronoUnit.DAYS.between(weekOne, date) / 7 + 1);
    }

    static ValueEval floorMath(Args a) throws EvaluationException {
        return roundMath(a, false);
    }

    static ValueEval ceilingMath(Args a) throws EvaluationException {
        return roundMath(a, true);
    }

    /** To a multiple of |significance| (1 by default; 0 gives 0); mode other than 0 turns a negative number's direction. */
    private static ValueEval roundMath(Args a, boolean up) throws EvaluationException {
        double x = a.number(0);
        double significance = Math.abs(a.number(1, 1));
        boolean mode = a.given(2) && a.number(2) != 0;
        if (significance == 0 || x == 0) {
            return new NumberEval(0);
        }
        double q = x / significance;
        boolean towardsCeiling = up;
        if (x < 0 && mode) {
            towardsCeiling = !up;
        }
        double r = towardsCeiling ? Math.ceil(q - 1e-12) : Math.floor(q + 1e-12);
        return Args.result((r + 0.0) * significance);
    }

    /** True when XLOOKUP's lookup and return arrays run in the same direction with the same length. */
    static boolean xlookupShapesAgree(ValueEval lookup, ValueEval result) {
        if (!(lookup instanceof TwoDEval l) || !(result instanceof TwoDEval r)) {
            return true;
        }
        if (l.getWidth() == 1) {
            return r.getHeight() == l.getHeight();
        }
        if (l.getHeight() == 1) {
            return r.getWidth() == l.getWidth();
        }
        return true;
    }
}
