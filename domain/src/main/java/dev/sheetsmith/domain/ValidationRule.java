package dev.sheetsmith.domain;

import java.util.List;

/**
 * A data-validation rule for add_data_validation. Limits are Excel formula operands without '='
 * (numbers, or DATE(y,m,d) for dates), checked by {@link Formulas}.
 *
 * @param type list, whole, decimal, date, time, text_length or custom
 * @param values for list: the allowed values typed in
 * @param source for list: a range holding the allowed values, e.g. Lists!$A$1:$A$5
 * @param errorStyle stop, warning or information
 */
public record ValidationRule(String type, List<String> values, String source, String operator, Operand min,
        Operand max, String formula, boolean allowBlank, boolean showDropdown, String inputTitle,
        String inputMessage, String errorTitle, String errorMessage, String errorStyle) {

    public static final List<String> TYPES = List.of("list", "whole", "decimal", "date", "time", "text_length",
            "custom");
    public static final List<String> ERROR_STYLES = List.of("stop", "warning", "information");

    public ValidationRule {
        if (type == null || !TYPES.contains(type)) {
            throw new InvalidInputException("'type' must be one of " + TYPES + ", not '" + type + "'");
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (errorStyle != null && !ERROR_STYLES.contains(errorStyle)) {
            throw new InvalidInputException("'errorStyle' must be one of " + ERROR_STYLES + ", not '" + errorStyle + "'");
        }
        for (String v : values) {
            ExcelText.requireStorable(v, "list value '" + v + "'");
        }
        checkLength(inputTitle, "inputTitle", 32);
        checkLength(errorTitle, "errorTitle", 32);
        checkLength(inputMessage, "inputMessage", 255);
        checkLength(errorMessage, "errorMessage", 255);
        switch (type) {
            case "list" -> {
                if (values.isEmpty() == (source == null)) {
                    throw new InvalidInputException("a list needs either 'values' (e.g. [\"Open\", \"Closed\"]) or"
                            + " 'source' (a range such as Lists!$A$1:$A$5), not both or neither");
                }
                int length = 0;
                for (String v : values) {
                    if (v.contains(",")) {
                        throw new InvalidInputException("list value '" + v + "' contains a comma, which Excel reads as"
                                + " a separator; put such values in cells and use 'source'");
                    }
                    length += v.length() + 1;
                }
                if (length - 1 > 255) {
                    throw new InvalidInputException("the list values add up to " + (length - 1) + " characters; Excel"
                            + " allows 255 in a typed list. Put them in cells and use 'source'");
                }
            }
            case "custom" -> {
                if (formula == null || formula.isBlank()) {
                    throw new InvalidInputException("custom validation needs 'formula', e.g. \"=ISNUMBER(A2)\"");
                }
            }
            default -> {
                String op = operator == null ? "between" : operator;
                if (!ConditionalFormat.OPERATORS.contains(op)) {
                    throw new InvalidInputException("'operator' must be one of " + ConditionalFormat.OPERATORS
                            + ", not '" + operator + "'");
                }
                boolean two = op.equals("between") || op.equals("not_between");
                if (min == null || (two && max == null)) {
                    throw new InvalidInputException(type + " validation with " + op + " needs "
                            + (two ? "'min' and 'max'" : "'min' (the value to compare with)"));
                }
                if (!two && max != null) {
                    throw new InvalidInputException("'max' is only for between and not_between");
                }
            }
        }
    }

    public String operatorOrDefault() {
        return operator == null ? "between" : operator;
    }

    private static void checkLength(String text, String name, int max) {
        ExcelText.requireStorable(text, "'" + name + "'");
        if (text != null && text.length() > max) {
            throw new InvalidInputException("'" + name + "' is " + text.length() + " characters; Excel allows " + max);
        }
    }
}
