package dev.sheetsmith.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pivot table over a source range whose first row holds column labels. Fields are named by
 * those labels.
 *
 * @param source null for the source sheet's used range
 * @param targetSheet null for a new sheet named "Pivot" (or the next free "Pivot N")
 * @param targetCell null for A3
 * @param options how it is laid out; null for Excel's defaults
 */
public record PivotSpec(CellRange source, List<String> rows, List<String> columns, List<Value> values,
        List<String> filters, String targetSheet, CellRange targetCell, String name, Options options) {

    public static final List<String> FUNCTIONS = List.of("sum", "count", "average", "min", "max", "product",
            "count_numbers", "stddev", "stddevp", "var", "varp");
    public static final List<String> LAYOUTS = List.of("compact", "outline", "tabular");
    public static final List<String> VALUES_IN = List.of("columns", "rows");

    /**
     * The layout options Excel's Design tab offers. Nulls take Excel's defaults: compact form,
     * subtotals shown, a grand total row and a grand total column, several values side by side in
     * columns.
     *
     * @param grandTotalRow the "Grand Total" row at the bottom
     * @param grandTotalColumn the "Grand Total" column at the right (when there are column fields)
     * @param valuesIn with two or more values: "columns" (side by side) or "rows" (one under another)
     */
    public record Options(String layout, Boolean subtotals, Boolean grandTotalRow, Boolean grandTotalColumn,
            String valuesIn) {

        public static final Options DEFAULT = new Options(null, null, null, null, null);

        public Options {
            layout = layout == null ? "compact" : layout.strip().toLowerCase(java.util.Locale.ROOT);
            valuesIn = valuesIn == null ? "columns" : valuesIn.strip().toLowerCase(java.util.Locale.ROOT);
            if (!LAYOUTS.contains(layout)) {
                throw new InvalidInputException("'layout' must be one of " + LAYOUTS + ", not '" + layout + "'");
            }
            if (!VALUES_IN.contains(valuesIn)) {
                throw new InvalidInputException("'valuesIn' must be one of " + VALUES_IN + ", not '" + valuesIn
                        + "'");
            }
            subtotals = subtotals == null || subtotals;
            grandTotalRow = grandTotalRow == null || grandTotalRow;
            grandTotalColumn = grandTotalColumn == null || grandTotalColumn;
        }
    }

    /** @param numberFormat Excel number format of the value's cells, e.g. "#,##0.00"; null for General */
    public record Value(String column, String function, String label, String numberFormat) {

        public Value(String column, String function, String label) {
            this(column, function, label, null);
        }

        public Value {
            if (column == null || column.isBlank()) {
                throw new InvalidInputException("each of 'values' needs 'column'");
            }
            ExcelText.requireStorable(label, "label for '" + column + "'");
            if (!FUNCTIONS.contains(function)) {
                throw new InvalidInputException("function for '" + column + "' must be one of " + FUNCTIONS + ", not '"
                        + function + "'");
            }
            if (numberFormat != null) {
                if (numberFormat.isBlank() || numberFormat.length() > 255) {
                    throw new InvalidInputException("number_format for '" + column + "' must be 1 to 255 characters,"
                            + " e.g. \"#,##0.00\"");
                }
                ExcelText.requireStorable(numberFormat, "number_format for '" + column + "'");
            }
        }
    }

    public PivotSpec(CellRange source, List<String> rows, List<String> columns, List<Value> values,
            List<String> filters, String targetSheet, CellRange targetCell, String name) {
        this(source, rows, columns, values, filters, targetSheet, targetCell, name, null);
    }

    public PivotSpec {
        rows = rows == null ? List.of() : List.copyOf(rows);
        columns = columns == null ? List.of() : List.copyOf(columns);
        values = values == null ? List.of() : List.copyOf(values);
        filters = filters == null ? List.of() : List.copyOf(filters);
        options = options == null ? Options.DEFAULT : options;
        if (values.isEmpty()) {
            throw new InvalidInputException("a pivot table needs 'values': at least one column to add up, e.g."
                    + " [{\"column\": \"Amount\", \"function\": \"sum\"}]");
        }
        if (rows.isEmpty() && columns.isEmpty()) {
            throw new InvalidInputException("a pivot table needs 'rows' or 'columns' to group by");
        }
        Set<String> seen = new HashSet<>();
        for (String field : concat(rows, columns, filters)) {
            if (!seen.add(field.toLowerCase(java.util.Locale.ROOT))) {
                throw new InvalidInputException("'" + field + "' is used twice among rows, columns and filters");
            }
        }
        if (targetSheet != null) {
            SheetNames.requireValid(targetSheet);
        }
        if (name != null) {
            TableSpec.requireName(name, "'name'");
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
