package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.poi.ss.formula.eval.EvaluationException;

/**
 * Excel's day-count bases, shared by the coupon, bond and discount-security functions:
 * 0 US (NASD) 30/360, 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.
 */
final class DayCount {

    private DayCount() {
    }

    static int basis(int basis) throws EvaluationException {
        Args.require(basis >= 0 && basis <= 4);
        return basis;
    }

    static int frequency(int frequency) throws EvaluationException {
        Args.require(frequency == 1 || frequency == 2 || frequency == 4);
        return frequency;
    }

    static long actual(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    /**
     * US (NASD) 30/360 as Excel's financial functions count: an end on the 31st becomes the 30th
     * when the start was the 30th or 31st, February's last day when the start was one too; a start on the 31st or on February's last day becomes the 30th.
     */
    static int days360Us(LocalDate from, LocalDate to) {
        int d1 = from.getDayOfMonth();
        int d2 = to.getDayOfMonth();
        if (d2 == 31 && d1 >= 30 || lastOfFebruary(from) && lastOfFebruary(to)) {
            d2 = 30;
        }
        if (d1 == 31 || lastOfFebruary(from)) {
            d1 = 30;
        }
        return days360(from, d1, to, d2);
    }

    /** US 30/360 as YEARFRAC counts it: the end of February also counts as the 30th. */
    static int days360UsWithFebruary(LocalDate from, LocalDate to) {
        int d1 = from.getDayOfMonth();
        int d2 = to.getDayOfMonth();
        boolean fromFebEnd = lastOfFebruary(from);
        if (fromFebEnd && lastOfFebruary(to)) {
            d2 = 30;
        }
        if (fromFebEnd || d1 == 31) {
            d1 = 30;
        }
        if (d2 == 31 && d1 == 30) {
            d2 = 30;
        }
        return days360(from, d1, to, d2);
    }

    /** European 30/360: every 31st becomes the 30th. */
    static int days360Eu(LocalDate from, LocalDate to) {
        return days360(from, Math.min(from.getDayOfMonth(), 30), to, Math.min(to.getDayOfMonth(), 30));
    }

    private static int days360(LocalDate from, int d1, LocalDate to, int d2) {
        return (to.getYear() - from.getYear()) * 360 + (to.getMonthValue() - from.getMonthValue()) * 30 + d2 - d1;
    }

    private static boolean lastOfFebruary(LocalDate d) {
        return d.getMonthValue() == 2 && d.getDayOfMonth() == d.lengthOfMonth();
    }

    /** YEARFRAC's fraction of a year between two dates (from <= to) for a basis. */
    static double yearFraction(LocalDate from, LocalDate to, int basis) {
        switch (basis) {
            case 0:
                return days360UsWithFebruary(from, to) / 360.0;
            case 2:
                return actual(from, to) / 360.0;
            case 3:
                return actual(from, to) / 365.0;
            case 4:
                return days360Eu(from, to) / 360.0;
            default:
                return actual(from, to) / actualYearLength(from, to);
        }
    }

    /**
     * Actual/actual's year: within one year, 366 when the span touches a 29 February, else 365;
     * over more years, the average length of the calendar years it touches.
     */
    static double actualYearLength(LocalDate from, LocalDate to) {
        if (from.getYear() == to.getYear()) {
            return from.lengthOfYear();
        }
        if (!to.isAfter(from.plusYears(1))) {
            boolean leap = from.isLeapYear() && !from.isAfter(LocalDate.of(from.getYear(), 2, 29))
                    || to.isLeapYear() && !to.isBefore(LocalDate.of(to.getYear(), 2, 29));
            return leap ? 366 : 365;
        }
        long days = actual(LocalDate.of(from.getYear(), 1, 1), LocalDate.of(to.getYear() + 1, 1, 1));
        return days / (double) (to.getYear() - from.getYear() + 1);
    }
}
