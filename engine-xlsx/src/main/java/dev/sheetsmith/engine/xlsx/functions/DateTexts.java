package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.OperandResolver;
import org.apache.poi.ss.formula.eval.StringEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.DateValue;
import org.apache.poi.ss.formula.functions.Function;

/**
 * Dates as Excel reads them where POI does not: text that is a date ("2024-03-15") is that date for
 * VALUE, YEAR, MONTH and DAY, and DATE's year runs to 9999 (a later one is #NUM!).
 */
final class DateTexts {

    private DateTexts() {
    }

    /** POI's function, with a first argument that is date text read as its serial number. */
    static ValueEval dateText(Function poi, ValueEval[] args, int row, int column) {
        if (args.length >= 1) {
            try {
                ValueEval v = OperandResolver.getSingleValue(args[0], row, column);
                if (v instanceof StringEval s && OperandResolver.parseDouble(s.getStringValue()) == null) {
                    ValueEval serial = new DateValue().evaluate(row, column, s);
                    if (serial instanceof NumberEval) {
                        ValueEval[] read = args.clone();
                        read[0] = serial;
                        return poi.evaluate(read, row, column);
                    }
                }
            } catch (EvaluationException e) {
                return e.getErrorEval();
            }
        }
        return poi.evaluate(args, row, column);
    }

    /** POI's DATE, with Excel's limit: years from 0 to 9999 (0-1899 count from 1900). */
    static ValueEval date(Function poi, ValueEval[] args, int row, int column) {
        if (args.length == 3) {
            try {
                double year = Math.floor(OperandResolver.coerceValueToDouble(
                        OperandResolver.getSingleValue(args[0], row, column)));
                if (year < 0 || year > 9999) {
                    return ErrorEval.NUM_ERROR;
                }
            } catch (EvaluationException e) {
                return e.getErrorEval();
            }
        }
        return poi.evaluate(args, row, column);
    }
}
