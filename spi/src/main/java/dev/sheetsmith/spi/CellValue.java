package dev.sheetsmith.spi;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One typed cell as a plugin reads or writes it. The type is the one the caller meant (a date is a
 * {@link Date}, never a number or a text), so a writer never guesses. The server has its own cell
 * type and converts at the boundary: a plugin sees only these records.
 */
public sealed interface CellValue {

    Empty EMPTY = new Empty();

    record Empty() implements CellValue {
    }

    record Text(String value) implements CellValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A finite number; a reader that meets NaN or an infinity returns a {@link Text} or refuses. */
    record Number(double value) implements CellValue {
        public Number {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a cell number must be finite");
            }
        }
    }

    record Bool(boolean value) implements CellValue {
    }

    record Date(LocalDate value) implements CellValue {
        public Date {
            Objects.requireNonNull(value, "value");
        }
    }

    record DateTime(LocalDateTime value) implements CellValue {
        public DateTime {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A formula without its leading '=', e.g. {@code SUM(A1:A3)}. The server checks formulas it
     * is handed (a plugin's read result included) before it writes them to a workbook.
     */
    record Formula(String expression) implements CellValue {
        public Formula {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** A short human text of the value, e.g. for column widths, previews and text formats. */
    default String display() {
        if (this instanceof Text t) {
            return t.value();
        }
        if (this instanceof Number n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (this instanceof Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (this instanceof Date d) {
            return d.value().toString();
        }
        if (this instanceof DateTime dt) {
            return dt.value().toString().replace('T', ' ');
        }
        if (this instanceof Formula f) {
            return "=" + f.expression();
        }
        return "";
    }
}
