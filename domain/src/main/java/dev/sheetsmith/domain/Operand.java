package dev.sheetsmith.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value a rule compares cells with (a conditional format's value, a validation's min and max): a
 * number, true/false, a date, a time of day, a formula or text. What the user means is decided here;
 * how a spreadsheet writes it down (DATE(2025,1,31), quoted text) is the engine's business.
 */
public sealed interface Operand {

    /** A number as given ("100", "-2.5", "1e3"). */
    record Number(String text) implements Operand {
        public Number {
            if (!NUMBER.matcher(text).matches()) {
                throw new IllegalArgumentException("not a number: " + text);
            }
        }
    }

    record Bool(boolean value) implements Operand {
    }

    /** A calendar date by its parts, as given (a spreadsheet rolls 2025-02-30 over as Excel does). */
    record Date(int year, int month, int day) implements Operand {
    }

    record Time(int hour, int minute, int second) implements Operand {
    }

    /** A formula, checked as every formula is ({@link Formulas#requireSafe}), without its '='. */
    record Formula(String expression) implements Operand {
    }

    /** Text, compared as text; at most 255 characters. */
    record Text(String value) implements Operand {
        public Text {
            if (value.length() > 255) {
                throw new IllegalArgumentException("text operand over 255 characters");
            }
        }
    }

    Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    /**
     * {@code text} as an operand: "=..." a formula, a number, TRUE/FALSE, an ISO date, a time such as
     * 17:30, and otherwise text when {@code textAllowed} (a validation's limits must be one of the
     * others). Errors name {@code field}; null stays null.
     */
    static Operand parse(String text, String field, boolean textAllowed) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.startsWith("=")) {
            return new Formula(Formulas.requireSafe(value, "'" + field + "'").expression());
        }
        if (NUMBER.matcher(value).matches()) {
            return new Number(value);
        }
        if (value.equals("TRUE") || value.equals("FALSE")) {
            return new Bool(value.equals("TRUE"));
        }
        Matcher date = ISO_DATE.matcher(value);
        if (date.matches()) {
            return new Date(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                    Integer.parseInt(date.group(3)));
        }
        Matcher time = TIME.matcher(value);
        if (time.matches()) {
            return new Time(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)),
                    time.group(3) == null ? 0 : Integer.parseInt(time.group(3)));
        }
        if (!textAllowed) {
            throw new InvalidInputException("'" + field + "' must be a number, a date such as 2025-01-31, a time such"
                    + " as 17:30, or a formula starting with '='; got '" + text + "'");
        }
        if (value.length() > 255) {
            throw new InvalidInputException("'" + field + "' is longer than 255 characters");
        }
        return new Text(value);
    }

    /** A formula operand (a formula rule's condition), checked; null stays null. */
    static Operand formula(String text, String field) {
        return text == null ? null : new Formula(Formulas.requireSafe(text.strip(), "'" + field + "'").expression());
    }
}
