package dev.sheetsmith.engine.xlsx.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.formula.TwoDEval;
import org.apache.poi.ss.formula.eval.BlankEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.DateValue;
import org.apache.poi.ss.formula.functions.Function;

/**
 * COUNTIF and SUMIF criteria as Excel reads them where POI does not: "<>" alone counts the cells
 * that are not empty, and a comparison with a date typed as text (">2024-06-01") compares with
 * that date. Every other criterion goes to POI's own function unchanged.
 */
final class Criteria {

    private static final Pattern COMPARISON = Pattern.compile("^(<=|>=|<>|<|>|=)(.+)$");

    private Criteria() {
    }

    /** POI's COUNTIF/SUMIF with the criterion at {@code at} read as Excel reads it. */
    static ValueEval wrap(Function poi, int at, boolean count, ValueEval[] args, int row, int column) {
        if (args.length <= at) {
            return poi.evaluate(args, row, column);
        }
        try {
            ValueEval criterion = OperandResolver.getSingleValue(args[at], row, column);
            if (criterion instanceof StringEval s) {
                String text = s.getStringValue();
                if (count && text.equals("<>")) {
                    return new NumberEval(nonEmpty(args[0]));
                }
                Matcher m = COMPARISON.matcher(text);
                if (m.matches() && OperandResolver.parseDouble(m.group(2)) == null) {
                    ValueEval serial = new DateValue().evaluate(row, column, new StringEval(m.group(2)));
                    if (serial instanceof NumberEval n) {
                        ValueEval[] read = args.clone();
                        read[at] = new StringEval(m.group(1) + n.getStringValue());
                        return poi.evaluate(read, row, column);
                    }
                }
            }
        } catch (EvaluationException e) {
            return e.getErrorEval();
        }
        return poi.evaluate(args, row, column);
    }

    private static int nonEmpty(ValueEval range) {
        if (range instanceof RefEval ref) {
            return ref.getInnerValueEval(ref.getFirstSheetIndex()) instanceof BlankEval ? 0 : 1;
        }
        int n = 0;
        if (range instanceof TwoDEval area) {
            for (int r = 0; r < area.getHeight(); r++) {
                for (int c = 0; c < area.getWidth(); c++) {
                    n += area.getValue(r, c) instanceof BlankEval ? 0 : 1;
                }
            }
        }
        return n;
    }
}
