package dev.sheetsmith.engine.xlsx.functions;

import java.time.temporal.IsoFields;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.BlankEval;
import org.apache.poi.ss.formula.eval.BoolEval;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/** N, TYPE, XOR, UNICHAR, UNICODE, ISOWEEKNUM and NETWORKDAYS.INTL, from Excel's definitions. */
final class Information {

    private Information() {
    }

    /** A number as itself (a date is its serial), TRUE as 1, anything else 0; an error stays that error. */
    static ValueEval n(Args a) throws EvaluationException {
        ValueEval v = a.raw(0);
        if (v instanceof RefEval ref) {
            v = ref.getInnerValueEval(ref.getFirstSheetIndex());
        } else if (v instanceof TwoDEval area) {
            v = area.getValue(0, 0);
        }
        if (v instanceof ErrorEval e) {
            return e;
        }
        if (v instanceof NumberEval) {
            return v;
        }
        if (v instanceof BoolEval b) {
            return new NumberEval(b.getBooleanValue() ? 1 : 0);
        }
        return new NumberEval(0);
    }

    /** 1 number (or empty), 2 text, 4 logical, 16 error, 64 array. */
    static ValueEval type(Args a) {
        ValueEval v = a.raw(0);
        if (v instanceof RefEval ref) {
            v = ref.getInnerValueEval(ref.getFirstSheetIndex());
        } else if (v instanceof TwoDEval area) {
            if (area.getHeight() > 1 || area.getWidth() > 1) {
                return new NumberEval(64);
            }
            v = area.getValue(0, 0);
        }
        if (v instanceof StringEval) {
            return new NumberEval(2);
        }
        if (v instanceof BoolEval) {
            return new NumberEval(4);
        }
        if (v instanceof ErrorEval) {
            return new NumberEval(16);
        }
        return new NumberEval(1);
    }

    /** TRUE when an odd number of the logical values is TRUE; #VALUE! when there are none. */
    static ValueEval xor(Args a) throws EvaluationException {
        int trues = 0;
        int seen = 0;
        for (int i = 0; i < a.count(); i++) {
            boolean typed = !(a.raw(i) instanceof TwoDEval) && !(a.raw(i) instanceof RefEval);
            for (ValueEval v : a.values(i)) {
                if (v instanceof ErrorEval e) {
                    throw new EvaluationException(e);
                }
                if (v instanceof BlankEval || (v instanceof StringEval && !typed)) {
                    continue;
                }
                Boolean b = OperandResolver.coerceValueToBoolean(v, false);
                if (b != null) {
                    seen++;
                    trues += b ? 1 : 0;
                }
            }
        }
        if (seen == 0) {
            throw Args.value();
        }
        return BoolEval.valueOf(trues % 2 == 1);
    }

    static ValueEval unichar(Args a) throws EvaluationException {
        int n = a.integer(0);
        if (n < 1 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) {
            throw Args.value();
        }
        return new StringEval(new String(Character.toChars(n)));
    }

    static ValueEval unicode(Args a) throws EvaluationException {
        String s = a.text(0);
        if (s.isEmpty()) {
            throw Args.value();
        }
        return new NumberEval(s.codePointAt(0));
    }

    static ValueEval isoweeknum(Args a) throws EvaluationException {
        return new NumberEval(Args.toDate(a.date(0)).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Working days from start to end, both counted (negative when end is earlier). */
    static ValueEval networkdaysIntl(Args a) throws EvaluationException {
        int start = a.date(0);
        int end = a.date(1);
        boolean[] weekend = weekend(a, 2);
        java.util.Set<Integer> holidays = new java.util.HashSet<>();
        if (a.given(3)) {
            for (double d : a.numbers(3, 3)) {
                holidays.add((int) d);
            }
        }
        int from = Math.min(start, end);
        int to = Math.max(start, end);
        int count = 0;
        for (int d = from; d <= to; d++) {
            int dow = Args.toDate(d).getDayOfWeek().getValue() - 1; // Monday 0
            if (!weekend[dow] && !holidays.contains(d)) {
                count++;
            }
        }
        return new NumberEval(start <= end ? count : -count);
    }

    /** The weekend days, Monday first: a number 1-7 / 11-17 or a text of seven 0s and 1s. */
    static boolean[] weekend(Args a, int i) throws EvaluationException {
        boolean[] days = new boolean[7];
        if (!a.given(i)) {
            days[5] = days[6] = true;
            return days;
        }
        ValueEval v = OperandResolver.getSingleValue(a.raw(i), 0, 0);
        if (v instanceof StringEval s) {
            String mask = s.getStringValue();
            if (!mask.matches("[01]{7}") || mask.equals("1111111")) {
                throw Args.value();
            }
            for (int d = 0; d < 7; d++) {
                days[d] = mask.charAt(d) == '1';
            }
            return days;
        }
        int code = a.integer(i);
        if (code >= 1 && code <= 7) {
            // 1 Saturday-Sunday, 2 Sunday-Monday, ..., 7 Friday-Saturday
            int first = (code + 4) % 7; // index (Monday 0) of the first weekend day
            days[first] = true;
            days[(first + 1) % 7] = true;
        } else if (code >= 11 && code <= 17) {
            days[(code - 11 + 6) % 7] = true; // 11 Sunday only, 12 Monday only, ..., 17 Saturday only
        } else {
            throw Args.num();
        }
        return days;
    }
}
