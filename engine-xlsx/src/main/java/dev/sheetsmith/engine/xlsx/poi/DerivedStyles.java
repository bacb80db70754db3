package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FontUnderline;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDataFormat;
import org.apache.poi.xssf.usermodel.XSSFFont;

/**
 * The styles format_range makes: a cell's new style is its old one with the asked changes on top,
 * shared by every cell that had the same old style and the same place on the range's edge. It works
 * on POI's styles part alone ({@link StylesTable}), so the user model's path (the loaded workbook's
 * table) and the streamed path (styles.xml loaded by itself) make the same styles, fonts, fills,
 * borders and number formats, in the same order, with the same indexes.
 */
public final class DerivedStyles {

    /** The four edges of a cell: bit in the edge mask, line setter, colour setter. */
    private record Edge(int bit, BiConsumer<XSSFCellStyle, BorderStyle> line,
            BiConsumer<XSSFCellStyle, XSSFColor> color) {
    }

    private static final List<Edge> EDGES = List.of(
            new Edge(1, XSSFCellStyle::setBorderTop, XSSFCellStyle::setTopBorderColor),
            new Edge(2, XSSFCellStyle::setBorderBottom, XSSFCellStyle::setBottomBorderColor),
            new Edge(4, XSSFCellStyle::setBorderLeft, XSSFCellStyle::setLeftBorderColor),
            new Edge(8, XSSFCellStyle::setBorderRight, XSSFCellStyle::setRightBorderColor));

    /** A derived style: the old one, the edges that take the border line, and the change. */
    private record Derived(int old, int edges, CellFormat format) {
    }

    private record DerivedFont(int old, CellFormat.Font change) {
    }

    /** A rectangle beyond this many cells must be given as whole columns or rows. */
    public static final long MAX_CELLS = 2_000_000;

    private final StylesTable styles;
    // keyed by the change too, so that one instance serves every format_range of a call (the ranges
    // of an imported sheet, say) and equal changes to equal styles share one style, not one per range
    private final Map<Derived, XSSFCellStyle> derived = new HashMap<>();
    private final Map<DerivedFont, XSSFFont> fonts = new HashMap<>();
    private XSSFDataFormat dataFormat;

    public DerivedStyles(StylesTable styles) {
        this.styles = styles;
    }

    /** An opaque colour from six hex digits (RRGGBB). */
    public static XSSFColor color(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        // ARGB, opaque: OOXML colour values are four bytes.
        return new XSSFColor(new byte[] {(byte) 0xFF, (byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}, null);
    }

    /** Refuses a rectangle (not whole rows or columns) past {@link #MAX_CELLS}, before anything changes. */
    public static void checkSize(CellRange range) {
        if (range.cellCount() > MAX_CELLS) {
            throw new InvalidInputException("range " + range.toA1() + " has " + range.cellCount()
                    + " cells; format at most " + MAX_CELLS + " at once, or give whole columns (B:D) or rows (2:5)");
        }
    }

    /** Bits 0-3: the cell's top, bottom, left, right edge gets the border line. */
    public static int edges(CellRange range, int r, int c, CellFormat format) {
        if (format.border() == null) {
            return 0;
        }
        var sides = format.border().sides();
        int bits = 0;
        if ((sides.contains(CellFormat.Side.TOP) && r == range.firstRow())
                || (sides.contains(CellFormat.Side.INSIDE_HORIZONTAL) && r > range.firstRow())) {
            bits |= 1;
        }
        if ((sides.contains(CellFormat.Side.BOTTOM) && r == range.lastRow())
                || (sides.contains(CellFormat.Side.INSIDE_HORIZONTAL) && r < range.lastRow())) {
            bits |= 2;
        }
        if ((sides.contains(CellFormat.Side.LEFT) && c == range.firstColumn())
                || (sides.contains(CellFormat.Side.INSIDE_VERTICAL) && c > range.firstColumn())) {
            bits |= 4;
        }
        if ((sides.contains(CellFormat.Side.RIGHT) && c == range.lastColumn())
                || (sides.contains(CellFormat.Side.INSIDE_VERTICAL) && c < range.lastColumn())) {
            bits |= 8;
        }
        return bits;
    }

    /**
     * The style index a cell (or row) gets whose old style is at {@code oldIndex}, as the user
     * model's {@code setCellStyle} stores it. An index past the table counts as style 0, as POI
     * reads it; a negative index is no style (a row without one).
     */
    public int derive(int oldIndex, CellFormat format, int edges) {
        XSSFCellStyle old = oldIndex >= 0 && styles.getNumCellStyles() > 0 ? styles.getStyleAt(oldIndex) : null;
        return styles.putStyle(derive(old, format, edges));
    }

    public XSSFCellStyle derive(XSSFCellStyle old, CellFormat format, int edges) {
        int oldIndex = old == null ? 0 : old.getIndex();
        Derived key = new Derived(oldIndex, edges, format);
        XSSFCellStyle existing = derived.get(key);
        if (existing != null) {
            return existing;
        }
        XSSFCellStyle style = styles.createCellStyle();
        style.cloneStyleFrom(old == null ? styles.getStyleAt(0) : old);
        if (format.font() != null) {
            style.setFont(font(style.getFont(), format.font()));
        }
        if (format.fillColor() != null) {
            if (format.fillColor().equals("none")) {
                style.setFillPattern(FillPatternType.NO_FILL);
            } else {
                style.setFillForegroundColor(color(format.fillColor()));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
        }
        if (format.border() != null) {
            BorderStyle line = BorderStyle.valueOf(format.border().style().toUpperCase(Locale.ROOT));
            XSSFColor lineColor = format.border().color() == null ? null : color(format.border().color());
            for (Edge edge : EDGES) {
                if ((edges & edge.bit()) != 0) {
                    edge.line().accept(style, line);
                    if (lineColor != null) {
                        edge.color().accept(style, lineColor);
                    }
                }
            }
        }
        CellFormat.Alignment a = format.alignment();
        if (a != null) {
            if (a.horizontal() != null) {
                style.setAlignment(a.horizontal().equals("center_across") ? HorizontalAlignment.CENTER_SELECTION
                        : HorizontalAlignment.valueOf(a.horizontal().toUpperCase(Locale.ROOT)));
            }
            if (a.vertical() != null) {
                style.setVerticalAlignment(VerticalAlignment.valueOf(a.vertical().toUpperCase(Locale.ROOT)));
            }
            if (a.wrap() != null) {
                style.setWrapText(a.wrap());
            }
            if (a.indent() != null) {
                style.setIndention(a.indent().shortValue());
            }
            if (a.rotation() != null) {
                // OOXML keeps 0-90 up and 91-180 for 1-90 degrees down.
                int degrees = a.rotation();
                style.setRotation((short) (degrees < 0 ? 90 - degrees : degrees));
            }
        }
        if (format.numberFormat() != null) {
            style.setDataFormat(dataFormat().getFormat(format.numberFormat()));
        }
        derived.put(key, style);
        return style;
    }

    /** As the workbook's createDataFormat(): one formatter on the styles table. */
    private XSSFDataFormat dataFormat() {
        if (dataFormat == null) {
            dataFormat = new XSSFDataFormat(styles) {
            };
        }
        return dataFormat;
    }

    private XSSFFont font(XSSFFont old, CellFormat.Font change) {
        DerivedFont key = new DerivedFont(old.getIndex(), change);
        XSSFFont cached = fonts.get(key);
        if (cached != null) {
            return cached;
        }
        // as the workbook's createFont(): a new font, always added
        XSSFFont font = new XSSFFont();
        font.registerTo(styles);
        font.getCTFont().set(old.getCTFont().copy());
        if (change.bold() != null) {
            font.setBold(change.bold());
        }
        if (change.italic() != null) {
            font.setItalic(change.italic());
        }
        if (change.underline() != null) {
            font.setUnderline(switch (change.underline()) {
                case "single" -> FontUnderline.SINGLE;
                case "double" -> FontUnderline.DOUBLE;
                default -> FontUnderline.NONE;
            });
        }
        if (change.size() != null) {
            font.setFontHeight(change.size());
        }
        if (change.color() != null) {
            font.setColor(color(change.color()));
        }
        if (change.name() != null) {
            font.setFontName(change.name());
        }
        fonts.put(key, font);
        return font;
    }
}
