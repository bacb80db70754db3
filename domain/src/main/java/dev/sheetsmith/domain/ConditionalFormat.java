package dev.sheetsmith.domain;

import java.util.List;

/**
 * One conditional-format rule for add_conditional_format. Formulas are checked by {@link Formulas}
 * and written without their leading '='; colours are RRGGBB.
 *
 * @param type color_scale, data_bar, icon_set, cell_value, formula, top_bottom, duplicates or unique
 * @param colors for color_scale: 2 or 3 colours (lowest, [middle,] highest)
 * @param color for data_bar: the bar's colour
 * @param iconSet for icon_set, e.g. 3_arrows
 * @param operator for cell_value: between, not_between, equal, not_equal, greater_than, less_than,
 *     greater_or_equal, less_or_equal
 * @param value first operand (cell_value) or the formula (formula)
 * @param rank for top_bottom: how many (or what percent) of the cells
 * @param style how matching cells look (cell_value, formula, top_bottom, duplicates, unique)
 */
public record ConditionalFormat(String type, List<String> colors, String color, String iconSet, String operator,
        Operand value, Operand value2, Integer rank, boolean percent, boolean bottom, Style style) {

    public static final List<String> TYPES = List.of("color_scale", "data_bar", "icon_set", "cell_value", "formula",
            "top_bottom", "duplicates", "unique");
    public static final List<String> OPERATORS = List.of("between", "not_between", "equal", "not_equal",
            "greater_than", "less_than", "greater_or_equal", "less_or_equal");
    public static final List<String> ICON_SETS = List.of("3_arrows", "3_arrows_gray", "3_flags", "3_traffic_lights",
            "3_traffic_lights_rimmed", "3_signs", "3_symbols", "3_symbols_circled",
            "4_arrows", "4_arrows_gray", "4_red_to_black", "4_ratings", "4_traffic_lights", "5_arrows",
            "5_arrows_gray", "5_ratings", "5_quarters");

    /** The look of matching cells; null fields stay as the cell has them. */
    public record Style(String fontColor, String fillColor, Boolean bold, Boolean italic) {
        public Style {
            if (fontColor == null && fillColor == null && bold == null && italic == null) {
                throw new InvalidInputException("'format' must set at least one of font_color, fill_color, bold,"
                        + " italic");
            }
        }
    }

    public ConditionalFormat {
        if (type == null || !TYPES.contains(type)) {
            throw new InvalidInputException("'type' must be one of " + TYPES + ", not '" + type + "'");
        }
        colors = colors == null ? List.of() : List.copyOf(colors);
        switch (type) {
            case "color_scale" -> {
                if (colors.size() != 2 && colors.size() != 3) {
                    throw new InvalidInputException("color_scale needs 'colors' with 2 or 3 colours (lowest,"
                            + " [middle,] highest), e.g. [\"F8696B\", \"FFEB84\", \"63BE7B\"]");
                }
            }
            case "data_bar" -> {
                if (color == null) {
                    throw new InvalidInputException("data_bar needs 'color', e.g. \"638EC6\"");
                }
            }
            case "icon_set" -> {
                if (iconSet == null || !ICON_SETS.contains(iconSet)) {
                    throw new InvalidInputException("icon_set needs 'icons', one of " + ICON_SETS + "; got '"
                            + iconSet + "'");
                }
            }
            case "cell_value" -> {
                if (operator == null || !OPERATORS.contains(operator)) {
                    throw new InvalidInputException("cell_value needs 'operator', one of " + OPERATORS + "; got '"
                            + operator + "'");
                }
                requireValue(value, "value", "cell_value");
                boolean two = operator.equals("between") || operator.equals("not_between");
                if (two) {
                    requireValue(value2, "value2", operator);
                } else if (value2 != null) {
                    throw new InvalidInputException("'value2' is only for between and not_between");
                }
            }
            case "formula" -> requireValue(value, "formula", "a formula rule");
            case "top_bottom" -> {
                if (rank == null || rank < 1 || rank > (percent ? 100 : 1000)) {
                    throw new InvalidInputException("top_bottom needs 'rank' between 1 and " + (percent ? "100 (percent)"
                            : "1000"));
                }
            }
            default -> {
            }
        }
        boolean needsStyle = List.of("cell_value", "formula", "top_bottom", "duplicates", "unique").contains(type);
        if (needsStyle && style == null) {
            throw new InvalidInputException(type + " needs 'format', e.g. {\"fill_color\": \"FFC7CE\", \"font_color\":"
                    + " \"9C0006\"}");
        }
        if (!needsStyle && style != null) {
            throw new InvalidInputException("'format' does not apply to " + type + "; it has its own colours");
        }
    }

    private static void requireValue(Operand value, String name, String what) {
        if (value == null) {
            throw new InvalidInputException(what + " needs '" + name + "'");
        }
    }
}
