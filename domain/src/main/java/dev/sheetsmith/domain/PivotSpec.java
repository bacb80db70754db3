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
 */
public record PivotSpec(CellRange source, List<String> rows, List<String> columns, List<Value> values,
        List<String> filters, String targetSheet, CellRange targetCell, String name) {

    public static final List<String> FUNCTIONS = List.of("sum", "count", "average", "min", "max", "product",
            "count_numbers", "stddev", "var");

    public record Value(String column, String function, String label) {
        public Value {
            if (column == null || column.isBlank()) {
                throw new InvalidInputException("each of 'values' needs 'column'");
            }
            ExcelText.requireStorable(label, "label for '" + column + "'");
            if (!FUNCTIONS.contains(function)) {
                throw new InvalidInputException("function for '" + column + "' must be one of " + FUNCTIONS + ", not '"
                        + function + "'");
            }
        }
    }

    public PivotSpec {
        rows = rows == null ? List.of() : List.copyOf(rows);
        columns = columns == null ? List.of() : List.copyOf(columns);
        values = values == null ? List.of() : List.copyOf(values);
        filters = filters == null ? List.of() : List.copyOf(filters);
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
