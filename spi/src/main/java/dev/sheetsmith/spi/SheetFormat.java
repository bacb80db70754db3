package dev.sheetsmith.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sheet a plugin read looks, beside its values: styled areas, merged areas, column widths and
 * row heights. Rows and columns count from 0 over the sheet as it
 * stands (row 0 is the header row when the sheet has one). The host applies what an xlsx holds and
 * keeps the values whatever it cannot apply.
 *
 * @param styles areas of cells that share one style; a later area wins where two overlap
 * @param merged areas shown as one cell (the value is the top-left cell's)
 * @param columnWidths column index to width in characters (0 to 255)
 * @param rowHeights row index to height in points (0 to 409)
 * @since SPI 2
 */
public record SheetFormat(List<Styled> styles, List<Area> merged, Map<Integer, Double> columnWidths,
        Map<Integer, Double> rowHeights) {

    /** Nothing but the values. */
    public static final SheetFormat NONE = new SheetFormat(List.of(), List.of(), Map.of(), Map.of());

    public SheetFormat {
        styles = List.copyOf(styles);
        merged = List.copyOf(merged);
        columnWidths = Map.copyOf(columnWidths);
        rowHeights = Map.copyOf(rowHeights);
    }

    /** A rectangle of cells, first and last row and column inclusive, from 0. */
    public record Area(int firstRow, int firstColumn, int lastRow, int lastColumn) {
        public Area {
            if (firstRow < 0 || firstColumn < 0 || lastRow < firstRow || lastColumn < firstColumn) {
                throw new IllegalArgumentException("an area runs from its first row and column to its last, from 0");
            }
        }
    }

    /** An area whose cells share {@code style}. */
    public record Styled(Area area, CellStyle style) {
        public Styled {
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(style, "style");
        }
    }
}
