package dev.sheetsmith.domain;

import java.util.List;
import java.util.Map;

/**
 * What set_sheet_layout changes; null or empty parts stay as they are. Widths are in characters
 * ({@link #AUTO} = fit to the contents), heights in points. Line spans are 0-based inclusive [first, last].
 *
 * @param freeze the first cell not frozen (B2 freezes row 1 and column A); "none" removes panes
 * @param autoFilter a range, or "none" to remove it
 * @param printArea a range, or "none" to remove it
 */
public record SheetLayout(Map<Span, Double> columnWidths, Map<Span, Double> rowHeights, List<Span> hideRows,
        List<Span> showRows, List<Span> hideColumns, List<Span> showColumns, List<Span> groupRows,
        List<Span> groupColumns, List<Span> ungroupRows, List<Span> ungroupColumns, String freeze,
        String autoFilter, String tabColor, String printArea, String orientation) {

    public static final double AUTO = -1;

    public record Span(int first, int last) {
        public Span {
            if (first < 0 || last < first) {
                throw new InvalidInputException("span " + first + "-" + last + " is backwards");
            }
        }
    }

    public SheetLayout {
        columnWidths = columnWidths == null ? Map.of() : Map.copyOf(columnWidths);
        rowHeights = rowHeights == null ? Map.of() : Map.copyOf(rowHeights);
        hideRows = copy(hideRows);
        showRows = copy(showRows);
        hideColumns = copy(hideColumns);
        showColumns = copy(showColumns);
        groupRows = copy(groupRows);
        groupColumns = copy(groupColumns);
        ungroupRows = copy(ungroupRows);
        ungroupColumns = copy(ungroupColumns);
        for (Double width : columnWidths.values()) {
            if (width == null || (width != AUTO && (width < 0 || width > 255))) {
                throw new InvalidInputException("a column width must be between 0 and 255 characters, or \"auto\"; got "
                        + width);
            }
        }
        for (Double height : rowHeights.values()) {
            if (height == null || height < 0 || height > 409) {
                throw new InvalidInputException("a row height must be between 0 and 409 points; got " + height);
            }
        }
        if (orientation != null && !orientation.equals("portrait") && !orientation.equals("landscape")) {
            throw new InvalidInputException("'orientation' must be portrait or landscape, not '" + orientation + "'");
        }
        if (columnWidths.isEmpty() && rowHeights.isEmpty() && hideRows.isEmpty() && showRows.isEmpty()
                && hideColumns.isEmpty() && showColumns.isEmpty() && groupRows.isEmpty() && groupColumns.isEmpty()
                && ungroupRows.isEmpty() && ungroupColumns.isEmpty() && freeze == null && autoFilter == null
                && tabColor == null && printArea == null && orientation == null) {
            throw new InvalidInputException("nothing to change: give at least one of column_widths, row_heights,"
                    + " hide_rows, show_rows, hide_columns, show_columns, group_rows, group_columns, ungroup_rows,"
                    + " ungroup_columns, freeze, auto_filter, tab_color, print_area, orientation");
        }
    }

    private static List<Span> copy(List<Span> spans) {
        return spans == null ? List.of() : List.copyOf(spans);
    }
}
