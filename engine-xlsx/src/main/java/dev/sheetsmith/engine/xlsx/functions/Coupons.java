package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * The coupon period a settlement date falls in, as Excel's COUP* functions define it: coupon dates
 * run back from maturity in steps of 12/frequency months, on maturity's day of the month (the
 * month's last day when maturity is a month's last day).
 */
final class Coupons {

    final LocalDate settlement;
    final LocalDate maturity;
    final int frequency;
    final int basis;
    /** The coupon date on or before settlement, the one after it, and how many remain (COUPNUM). */
    final LocalDate previous;
    final LocalDate next;
    final int remaining;

    private Coupons(LocalDate settlement, LocalDate maturity, int frequency, int basis) {
        this.settlement = settlement;
        this.maturity = maturity;
        this.frequency = frequency;
        this.basis = basis;
        int n = 1;
        while (couponDate(maturity, n * 12 / frequency).isAfter(settlement)) {
            n++;
        }
        this.remaining = n;
        this.previous = couponDate(maturity, n * 12 / frequency);
        this.next = couponDate(maturity, (n - 1) * 12 / frequency);
    }

    Coupons withBasis(int other) {
        return new Coupons(settlement, maturity, frequency, other);
    }

    /** Reads (settlement, maturity) at {@code at}, frequency and basis: the checks every COUP* function makes. */
    static Coupons of(Args a, int at, int frequencyAt, int basisAt) throws EvaluationException {
        int settlement = a.date(at);
        int maturity = a.date(at + 1);
        int frequency = a.integer(frequencyAt);
        int basis = a.integer(basisAt, 0);
        DayCount.frequency(frequency);
        DayCount.basis(basis);
        Args.require(settlement < maturity);
        return new Coupons(Args.toDate(settlement), Args.toDate(maturity), frequency, basis);
    }

    static LocalDate couponDate(LocalDate maturity, int monthsBack) {
        LocalDate d = maturity.minusMonths(monthsBack);
        return maturity.getDayOfMonth() == maturity.lengthOfMonth() ? d.withDayOfMonth(d.lengthOfMonth()) : d;
    }

    /** E: days in the coupon period holding settlement. */
    double periodDays() {
        return switch (basis) {
            case 1 -> actualPeriodDays();
            case 3 -> 365.0 / frequency;
            default -> 360.0 / frequency;
        };
    }

    /**
     * Actual/actual's E as Excel computes it: the period starts on the last date on or before
     * settlement of maturity's schedule kept on maturity's day (no month-end rule), and runs one
     * period on from there, so 31 August to 28 February is 184 days and 30 September to 30 March 182.
     */
    private double actualPeriodDays() {
        int months = 12 / frequency;
        int k = 1;
        while (maturity.minusMonths((long) k * months).isAfter(settlement)) {
            k++;
        }
        LocalDate start = maturity.minusMonths((long) k * months);
        return DayCount.actual(start, start.plusMonths(months));
    }

    /**
     * E as PRICE, YIELD and DURATION count it: in actual/actual the true days between the
     * coupon dates around settlement (COUPDAYS' schedule differs there), else as COUPDAYS.
     */
    double pricingPeriodDays() {
        return basis == 1 ? DayCount.actual(previous, next) : periodDays();
    }

    /** A: days from the period's start to settlement. */
    double daysBefore() {
        return switch (basis) {
            case 0 -> DayCount.days360Us(previous, settlement);
            case 4 -> DayCount.days360Eu(previous, settlement);
            default -> DayCount.actual(previous, settlement);
        };
    }

    /** DSC: days from settlement to the next coupon date. */
    double daysAfter() {
        return switch (basis) {
            case 0 -> periodDays() - daysBefore();
            case 4 -> DayCount.days360Eu(settlement, next);
            default -> DayCount.actual(settlement, next);
        };
    }

    static ValueEval coupdaybs(Args a) throws EvaluationException {
        return new NumberEval(of(a, 0, 2, 3).daysBefore());
    }

    static ValueEval coupdays(Args a) throws EvaluationException {
        return new NumberEval(of(a, 0, 2, 3).periodDays());
    }

    static ValueEval coupdaysnc(Args a) throws EvaluationException {
        return new NumberEval(of(a, 0, 2, 3).daysAfter());
    }

    static ValueEval coupncd(Args a) throws EvaluationException {
        return new NumberEval(Args.toSerial(of(a, 0, 2, 3).next));
    }

    static ValueEval couppcd(Args a) throws EvaluationException {
        return new NumberEval(Args.toSerial(of(a, 0, 2, 3).previous));
    }

    static ValueEval coupnum(Args a) throws EvaluationException {
        return new NumberEval(of(a, 0, 2, 3).remaining);
    }
}
