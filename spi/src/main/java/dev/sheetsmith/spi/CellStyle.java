package dev.sheetsmith.spi;

import java.util.List;

/**
 * How a cell looks, as far as an xlsx cell can hold it. A reader fills what its format says and
 * leaves the rest {@code null} ("as the default"): the host applies only what is given, and what
 * an xlsx cell cannot hold has no field here, so a reader drops it and keeps the value.
 *
 * @param bold whether the font is bold
 * @param italic whether the font is italic
 * @param underline {@code single} or {@code double}
 * @param fontSize points, 1 to 409
 * @param fontColor {@code RRGGBB}
 * @param fontName 1 to 31 characters
 * @param fillColor the background, {@code RRGGBB}
 * @param horizontal {@code left}, {@code center}, {@code right} or {@code justify}
 * @param vertical {@code top}, {@code center} or {@code bottom}
 * @param wrap whether text wraps in the cell
 * @param top the line along the cell's top edge, or null for none; likewise bottom, left, right
 * @param numberFormat an Excel number format code, e.g. {@code #,##0.00} or {@code yyyy-mm-dd}
 * @since SPI 2
 */
public record CellStyle(Boolean bold, Boolean italic, String underline, Double fontSize, String fontColor,
        String fontName, String fillColor, String horizontal, String vertical, Boolean wrap, Line top, Line bottom,
        Line left, Line right, String numberFormat) {

    /** Line styles a {@link Line} may have (Excel's, in its words). */
    public static final List<String> LINE_STYLES = List.of("thin", "medium", "thick", "dashed", "dotted", "double",
            "hair");

    /** A border line: one of {@link #LINE_STYLES}, and its colour ({@code RRGGBB}, or null for automatic). */
    public record Line(String style, String color) {
        public Line {
            if (!LINE_STYLES.contains(style)) {
                throw new IllegalArgumentException("a border line style must be one of " + LINE_STYLES + ", not '"
                        + style + "'");
            }
        }
    }

    /** Whether nothing is given: such a style changes nothing. */
    public boolean isEmpty() {
        return bold == null && italic == null && underline == null && fontSize == null && fontColor == null
                && fontName == null && fillColor == null && horizontal == null && vertical == null && wrap == null
                && top == null && bottom == null && left == null && right == null && numberFormat == null;
    }
}
