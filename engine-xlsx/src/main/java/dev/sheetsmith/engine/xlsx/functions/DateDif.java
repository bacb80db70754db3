package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/**
 * DATEDIF(start_date, end_date, unit): whole years "Y", months "M", days "D", and the days "MD",
 * months "YM" and days "YD" left over once whole months or years are taken away, as Excel counts
 * them (including "MD"'s negative answers Excel documents as a known issue).
 */
final class DateDif {

    private DateDif() {
    }

    static ValueEval datedif(Args a) throws EvaluationException {
        int startSerial = a.date(0);
        int endSerial = a.date(1);
        String unit = a.text(2).toUpperCase(Locale.ROOT);
        Args.require(startSerial <= endSerial);
        LocalDate start = Args.toDate(startSerial);
        LocalDate end = Args.toDate(endSerial);
        long months = (end.getYear() - start.getYear()) * 12L + end.getMonthValue() - start.getMonthValue()
                - (end.getDayOfMonth() < start.getDayOfMonth() ? 1 : 0);
        return new NumberEval(switch (unit) {
            case "Y" -> months / 12;
            case "M" -> months;
            case "D" -> endSerial - startSerial;
            case "YM" -> months % 12;
            case "MD" -> monthDays(start, end);
            case "YD" -> yearDays(start, end);
            default -> throw Args.num();
        });
    }

    /** Days past the last whole month: from start's day in the month before end's, overflowing as DATE does. */
    private static long monthDays(LocalDate start, LocalDate end) {
        if (end.getDayOfMonth() >= start.getDayOfMonth()) {
            return end.getDayOfMonth() - start.getDayOfMonth();
        }
        LocalDate monthBefore = end.withDayOfMonth(1).minusMonths(1);
        LocalDate from = monthBefore.plusDays(start.getDayOfMonth() - 1L);
        return ChronoUnit.DAYS.between(from, end);
    }

    /** Days past the last whole year: from start's month and day in end's year, or the year before. */
    private static long yearDays(LocalDate start, LocalDate end) {
        LocalDate from = sameDayIn(start, end.getYear());
        if (from.isAfter(end)) {
            from = sameDayIn(start, end.getYear() - 1);
        }
        return ChronoUnit.DAYS.between(from, end);
    }

    private static LocalDate sameDayIn(LocalDate date, int year) {
        return LocalDate.of(year, date.getMonthValue(), 1).plusDays(date.getDayOfMonth() - 1L);
    }
}
