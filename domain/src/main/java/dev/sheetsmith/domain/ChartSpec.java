package dev.sheetsmith.domain;

import java.util.List;

/**
 * A chart for create_chart. Series come from ranges on the chart's sheet or another sheet
 * ("Data!B2:B13"); for scatter the categories are the x values.
 *
 * @param anchor the top-left cell; null places it right of the used range
 * @param width columns wide; height rows tall
 */
public record ChartSpec(String type, String title, String xAxisTitle, String yAxisTitle, String legend,
        SheetRef categories, List<Series> series, CellRange anchor, int width, int height, String name) {

    public static final List<String> TYPES = List.of("column", "bar", "line", "area", "pie", "doughnut", "scatter");
    public static final List<String> LEGENDS = List.of("right", "left", "top", "bottom", "none");
    public static final int MAX_SERIES = 64;

    /** A range, on {@code sheet} or (null) on the sheet the tool was given. */
    public record SheetRef(String sheet, CellRange range) {
        public String toA1() {
            return (sheet == null ? "" : "'" + sheet.replace("'", "''") + "'!") + range.toA1();
        }
    }

    /** @param nameCell a cell holding the series name (null: use {@code name} or "Series N") */
    public record Series(String name, SheetRef nameCell, SheetRef values) {
    }

    public ChartSpec {
        if (type == null || !TYPES.contains(type)) {
            throw new InvalidInputException("'type' must be one of " + TYPES + ", not '" + type + "'");
        }
        if (legend != null && !LEGENDS.contains(legend)) {
            throw new InvalidInputException("'legend' must be one of " + LEGENDS + ", not '" + legend + "'");
        }
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new InvalidInputException("a chart needs at least one series of values");
        }
        if (series.size() > MAX_SERIES) {
            throw new InvalidInputException("a chart takes at most " + MAX_SERIES + " series; got " + series.size());
        }
        if (type.equals("pie") && series.size() > 1) {
            throw new InvalidInputException("a pie chart shows one series; got " + series.size()
                    + ". Use a column or doughnut chart for several");
        }
        for (int i = 0; i < series.size(); i++) {
            CellRange values = series.get(i).values().range();
            if (values.rowCount() > 1 && values.columnCount() > 1) {
                throw new InvalidInputException("series " + (i + 1) + " values " + values.toA1()
                        + " must be one row or one column");
            }
            if (categories != null && values.cellCount() != categories.range().cellCount()) {
                throw new InvalidInputException("series " + (i + 1) + " has " + values.cellCount() + " values but the"
                        + " categories " + categories.range().toA1() + " have " + categories.range().cellCount());
            }
        }
        if (categories != null && categories.range().rowCount() > 1 && categories.range().columnCount() > 1) {
            throw new InvalidInputException("'categories' " + categories.range().toA1() + " must be one row or one column");
        }
        if (type.equals("scatter") && categories == null) {
            throw new InvalidInputException("a scatter chart needs x values: give 'categories' or a data_range whose"
                    + " first column holds them");
        }
        if (width < 2 || width > 50 || height < 2 || height > 100) {
            throw new InvalidInputException("'width' must be 2-50 columns and 'height' 2-100 rows; got " + width + " x "
                    + height);
        }
        ExcelText.requireStorable(title, "'title'");
        ExcelText.requireStorable(xAxisTitle, "'xAxisTitle'");
        ExcelText.requireStorable(yAxisTitle, "'yAxisTitle'");
        ExcelText.requireStorable(name, "'name'");
        for (int i = 0; i < series.size(); i++) {
            ExcelText.requireStorable(series.get(i).name(), "series " + (i + 1) + " name");
        }
        if (title != null && title.length() > 255) {
            throw new InvalidInputException("'title' is longer than 255 characters");
        }
        if (name != null && (name.isBlank() || name.length() > 255)) {
            throw new InvalidInputException("'name' must be 1 to 255 characters");
        }
    }
}
