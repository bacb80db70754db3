package dev.sheetsmith.engine.xlsx.edit.pivot;

import java.util.List;
import java.util.Objects;

/**
 * What a pivot table shows, in the terms of its OOXML definition: fields by their index in the
 * source, {@link #VALUES} (-2, as Excel writes it) for the "Values" pseudo-field on the rows or
 * columns.
 */
public record PivotModel(List<String> fieldNames, List<Integer> rowFields, List<Integer> columnFields,
        List<DataField> dataFields, Layout layout, boolean subtotals, boolean grandTotalRow,
        boolean grandTotalColumn, List<String> dateFormats) {

    /** Without date fields. */
    public PivotModel(List<String> fieldNames, List<Integer> rowFields, List<Integer> columnFields,
            List<DataField> dataFields, Layout layout, boolean subtotals, boolean grandTotalRow,
            boolean grandTotalColumn) {
        this(fieldNames, rowFields, columnFields, dataFields, layout, subtotals, grandTotalRow, grandTotalColumn,
                null);
    }

    public static final int VALUES = -2;

    public enum Layout { COMPACT, OUTLINE, TABULAR }

    /** One value to aggregate: function by its OOXML name (sum, count, average, max, min, product, countNums, stdDev, stdDevp, var, varp). */
    public record DataField(int field, String function, String name, String numberFormat) {
        public DataField {
            Objects.requireNonNull(function);
            Objects.requireNonNull(name);
        }
    }

    public PivotModel {
        fieldNames = List.copyOf(fieldNames);
        rowFields = List.copyOf(rowFields);
        columnFields = List.copyOf(columnFields);
        dataFields = List.copyOf(dataFields);
        Objects.requireNonNull(layout);
        // By field: the number format of a column of dates (its items are shown as dates), else null.
        dateFormats = dateFormats == null ? java.util.Collections.nCopies(fieldNames.size(), null)
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dateFormats));
    }

    boolean valuesOnRows() {
        return rowFields.contains(VALUES);
    }

    boolean valuesOnColumns() {
        return columnFields.contains(VALUES);
    }

    /** Excel's default caption for an aggregation: "Sum of Units", "StdDev of Price". */
    public static String caption(String function, String field) {
        String word = switch (function) {
            case "sum" -> "Sum";
            case "count", "countNums" -> "Count";
            case "average" -> "Average";
            case "max" -> "Max";
            case "min" -> "Min";
            case "product" -> "Product";
            case "stdDev" -> "StdDev";
            case "stdDevp" -> "StdDevp";
            case "var" -> "Var";
            case "varp" -> "Varp";
            default -> throw new IllegalArgumentException("unknown aggregation " + function);
        };
        return word + " of " + field;
    }
}
