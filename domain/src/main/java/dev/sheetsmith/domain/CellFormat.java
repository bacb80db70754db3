package dev.sheetsmith.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What format_range changes; a null part (or field) leaves that aspect of each cell as it was.
 * Colours are RRGGBB hex, checked by {@link Colors}; the number format is a resolved Excel code.
 */
public record CellFormat(Font font, String fillColor, Border border, Alignment alignment, String numberFormat) {

    public CellFormat {
        if (font == null && fillColor == null && border == null && alignment == null && numberFormat == null) {
            throw new InvalidInputException("nothing to change: give at least one of font, fill_color, border,"
                    + " alignment, number_format");
        }
    }

    public record Font(Boolean bold, Boolean italic, String underline, Double size, String color, String name) {
        public Font {
            if (underline != null && !List.of("none", "single", "double").contains(underline)) {
                throw new InvalidInputException("'font.underline' must be none, single or double, not '" + underline + "'");
            }
            if (size != null && (size < 1 || size > 409)) {
                throw new InvalidInputException("'font.size' must be between 1 and 409 points, not " + size);
            }
            if (name != null && (name.isBlank() || name.length() > 31)) {
                throw new InvalidInputException("'font.name' must be a font name of 1 to 31 characters");
            }
        }
    }

    /** Which edges of the range get the line. */
    public enum Side {
        TOP, BOTTOM, LEFT, RIGHT, INSIDE_HORIZONTAL, INSIDE_VERTICAL;

        public static Set<Side> parse(List<String> names) {
            Set<Side> sides = EnumSet.noneOf(Side.class);
            for (String name : names) {
                switch (name.strip().toLowerCase(Locale.ROOT)) {
                    case "all" -> sides.addAll(EnumSet.allOf(Side.class));
                    case "outline", "outside", "box" -> sides.addAll(EnumSet.of(TOP, BOTTOM, LEFT, RIGHT));
                    case "inside" -> sides.addAll(EnumSet.of(INSIDE_HORIZONTAL, INSIDE_VERTICAL));
                    case "top" -> sides.add(TOP);
                    case "bottom" -> sides.add(BOTTOM);
                    case "left" -> sides.add(LEFT);
                    case "right" -> sides.add(RIGHT);
                    case "inside_horizontal" -> sides.add(INSIDE_HORIZONTAL);
                    case "inside_vertical" -> sides.add(INSIDE_VERTICAL);
                    default -> throw new InvalidInputException("'border.sides' entry '" + name + "' is not one of all,"
                            + " outline, inside, top, bottom, left, right, inside_horizontal, inside_vertical");
                }
            }
            if (sides.isEmpty()) {
                throw new InvalidInputException("'border.sides' must name at least one side, e.g. [\"all\"]");
            }
            return sides;
        }
    }

    public static final List<String> BORDER_STYLES = List.of("none", "thin", "medium", "thick", "dashed", "dotted",
            "double", "hair", "medium_dashed", "dash_dot", "medium_dash_dot", "dash_dot_dot", "slanted_dash_dot");

    public record Border(String style, String color, Set<Side> sides) {
        public Border {
            if (!BORDER_STYLES.contains(style)) {
                throw new InvalidInputException("'border.style' must be one of " + BORDER_STYLES + ", not '" + style + "'");
            }
            sides = Set.copyOf(sides);
        }
    }

    public static final List<String> HORIZONTAL = List.of("general", "left", "center", "right", "fill", "justify",
            "center_across", "distributed");
    public static final List<String> VERTICAL = List.of("top", "center", "bottom", "justify", "distributed");

    public record Alignment(String horizontal, String vertical, Boolean wrap, Integer indent, Integer rotation) {
        public Alignment {
            if (horizontal != null && !HORIZONTAL.contains(horizontal)) {
                throw new InvalidInputException("'alignment.horizontal' must be one of " + HORIZONTAL + ", not '"
                        + horizontal + "'");
            }
            if (vertical != null && !VERTICAL.contains(vertical)) {
                throw new InvalidInputException("'alignment.vertical' must be one of " + VERTICAL + ", not '"
                        + vertical + "'");
            }
            if (indent != null && (indent < 0 || indent > 250)) {
                throw new InvalidInputException("'alignment.indent' must be between 0 and 250, not " + indent);
            }
            if (rotation != null && (rotation < -90 || rotation > 90) && rotation != 255) {
                throw new InvalidInputException("'alignment.rotation' must be between -90 and 90 degrees (255 stacks"
                        + " the letters), not " + rotation);
            }
        }
    }
}
