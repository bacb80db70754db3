package dev.sheetsmith.engine.xlsx.functions;

import java.time.LocalDate;
import org.apache.poi.ss.formula.eval.BlankEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.MissingArgEval;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.DateValue;

/**
 * Reads function arguments as Excel does: a reference gives its cell's value, text that is not a
 * number is #VALUE!, an error argument is that error, an omitted optional argument takes its
 * default, and dates, frequencies and bases are truncated to whole numbers.
 */
final class Args {

    /** Excel's day 0 is 1899-12-31, and it counts a 29 February 1900 that never was (serial 60). */
    private static final LocalDate DAY_ZERO_AFTER_1900_LEAP_BUG = LocalDate.of(1899, 12, 30);

    private final ValueEval[] args;
    private final int row;
    private final int column;

    Args(ValueEval[] args, int row, int column) {
        this.args = args;
        this.row = row;
        this.column = column;
    }

    /** The same position with other arguments. */
    Args with(ValueEval[] other) {
        return new Args(other, row, column);
    }

    int count() {
        return args.length;
    }

    /** The argument as POI gives it (a reference, a range, an array or a value). */
    ValueEval raw(int i) {
        return args[i];
    }

    /**
     * The numbers of arguments {@code from..to}, as Excel's statistical functions read them: in a
     * range or array only numbers count (text, logical values and empty cells are skipped); a value
     * typed as an argument counts when it reads as a number (TRUE is 1), other text is #VALUE!; an
     * error anywhere is that error.
     */
    java.util.List<Double> numbers(int from, int to) throws EvaluationException {
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (int i = from; i <= to && i < args.length; i++) {
            ValueEval v = args[i];
            if (v instanceof org.apache.poi.ss.formula.TwoDEval area) {
                for (int r = 0; r < area.getHeight(); r++) {
                    for (int c = 0; c < area.getWidth(); c++) {
                        addIfNumber(area.getValue(r, c), out);
                    }
                }
            } else if (v instanceof org.apache.poi.ss.formula.eval.RefEval ref) {
                addIfNumber(ref.getInnerValueEval(ref.getFirstSheetIndex()), out);
            } else if (v instanceof ErrorEval e) {
                throw new EvaluationException(e);
            } else if (!(v instanceof MissingArgEval)) {
                Double d = OperandResolver.coerceValueToDouble(v);
                out.add(d);
            }
        }
        return out;
    }

    private static void addIfNumber(ValueEval v, java.util.List<Double> out) throws EvaluationException {
        if (v instanceof ErrorEval e) {
            throw new EvaluationException(e);
        }
        if (v instanceof NumberEval n) {
            out.add(n.getNumberValue());
        }
    }

    /** Every value of an argument, row by row (a single value is a list of one). */
    java.util.List<ValueEval> values(int i) {
        java.util.List<ValueEval> out = new java.util.ArrayList<>();
        ValueEval v = args[i];
        if (v instanceof org.apache.poi.ss.formula.TwoDEval area) {
            for (int r = 0; r < area.getHeight(); r++) {
                for (int c = 0; c < area.getWidth(); c++) {
                    out.add(area.getValue(r, c));
                }
            }
        } else if (v instanceof org.apache.poi.ss.formula.eval.RefEval ref) {
            out.add(ref.getInnerValueEval(ref.getFirstSheetIndex()));
        } else {
            out.add(v);
        }
        return out;
    }

    boolean given(int i) {
        return i < args.length && !(args[i] instanceof MissingArgEval);
    }

    double number(int i) throws EvaluationException {
        ValueEval v = OperandResolver.getSingleValue(args[i], row, column);
        if (v instanceof BlankEval || v instanceof MissingArgEval) {
            return 0;
        }
        return OperandResolver.coerceValueToDouble(v);
    }

    double number(int i, double absent) throws EvaluationException {
        return given(i) ? number(i) : absent;
    }

    /** A whole number (Excel truncates dates, frequencies, bases and periods counts toward zero). */
    int integer(int i) throws EvaluationException {
        return truncate(number(i));
    }

    int integer(int i, int absent) throws EvaluationException {
        return given(i) ? integer(i) : absent;
    }

    boolean bool(int i, boolean absent) throws EvaluationException {
        if (!given(i)) {
            return absent;
        }
        Boolean b = OperandResolver.coerceValueToBoolean(OperandResolver.getSingleValue(args[i], row, column), false);
        return b != null && b;
    }

    String text(int i) throws EvaluationException {
        return OperandResolver.coerceValueToString(OperandResolver.getSingleValue(args[i], row, column));
    }

    /**
     * A date argument: truncated to its day; text is read as DATEVALUE reads it ("2024-03-15"),
     * other text is #VALUE!; before Excel's first day it is #NUM!.
     */
    int date(int i) throws EvaluationException {
        ValueEval v = OperandResolver.getSingleValue(args[i], row, column);
        double d;
        if (v instanceof StringEval text && OperandResolver.parseDouble(text.getStringValue()) == null) {
            ValueEval parsed = new DateValue().evaluate(row, column, text);
            if (!(parsed instanceof NumberEval n)) {
                throw value();
            }
            d = n.getNumberValue();
        } else {
            d = number(i);
        }
        if (d < 0 || d >= 2958466) {
            throw num();
        }
        return truncate(d);
    }

    static int truncate(double d) throws EvaluationException {
        if (Double.isNaN(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw num();
        }
        return (int) d;
    }

    static LocalDate toDate(int serial) {
        if (serial < 61) {
            return LocalDate.of(1899, 12, 31).plusDays(serial);
        }
        return DAY_ZERO_AFTER_1900_LEAP_BUG.plusDays(serial);
    }

    static int toSerial(LocalDate date) {
        long days = date.toEpochDay() - DAY_ZERO_AFTER_1900_LEAP_BUG.toEpochDay();
        return (int) (days < 61 ? days - 1 : days);
    }

    static EvaluationException num() {
        return new EvaluationException(ErrorEval.NUM_ERROR);
    }

    static EvaluationException value() {
        return new EvaluationException(ErrorEval.VALUE_INVALID);
    }

    static EvaluationException div0() {
        return new EvaluationException(ErrorEval.DIV_ZERO);
    }

    /** A finite result as a number; anything else is #NUM!, as Excel shows an overflow. */
    static ValueEval result(double d) {
        return Double.isFinite(d) ? new NumberEval(d) : ErrorEval.NUM_ERROR;
    }

    static EvaluationException na() {
        return new EvaluationException(ErrorEval.NA);
    }

    static void require(boolean ok) throws EvaluationException {
        if (!ok) {
            throw num();
        }
    }
}
