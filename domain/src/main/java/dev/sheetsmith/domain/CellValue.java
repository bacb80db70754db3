package dev.sheetsmith.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/** One typed cell. Records keep the type an assistant meant, so writers never guess. */
public sealed interface CellValue {

    Empty EMPTY = new Empty();

    record Empty() implements CellValue {
    }

    record Text(String value) implements CellValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

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

    /** A formula without its leading '=', e.g. {@code SUM(A1:A3)}; checked by {@link Formulas#requireSafe}. */
    record Formula(String expression) implements CellValue {
        public Formula {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** A short human text of the value, used for column widths and previews. */
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
