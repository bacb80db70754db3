package dev.sheetsmith.domain;

import java.util.List;
import java.util.Map;

/**
 * What a sheet holds beyond its values, for describe_sheet: so an assistant can see what it made.
 * Ranges are A1 text; absent features are empty lists or null.
 *
 * @param frozenAt the first cell outside the frozen panes (B2 = row 1 and column A frozen)
 * @param columnWidths letters to width in characters, for columns not at the default width
 * @param otherObjects pictures, shapes and other drawing objects, as short descriptions
 */
public record SheetDetails(String sheet, String usedRange, String frozenAt, List<String> mergedRanges,
        Map<String, Double> columnWidths, Map<String, Double> rowHeights, List<String> hiddenRows,
        List<String> hiddenColumns, String autoFilter, String tabColor, String printArea, String orientation,
        List<Table> tables, List<Chart> charts, List<Pivot> pivotTables, List<Validation> validations,
        List<Conditional> conditionalFormats, List<Note> notes, List<String> otherObjects) {

    public SheetDetails {
        mergedRanges = List.copyOf(mergedRanges);
        columnWidths = Map.copyOf(columnWidths);
        rowHeights = Map.copyOf(rowHeights);
        hiddenRows = List.copyOf(hiddenRows);
        hiddenColumns = List.copyOf(hiddenColumns);
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
        pivotTables = List.copyOf(pivotTables);
        validations = List.copyOf(validations);
        conditionalFormats = List.copyOf(conditionalFormats);
        notes = List.copyOf(notes);
        otherObjects = List.copyOf(otherObjects);
    }

    public record Table(String name, String range, List<String> columns, String style, boolean totalsRow) {
    }

    /** @param number 1-based, what delete_chart takes; series as "name: values range" */
    public record Chart(int number, String name, String type, String title, String anchor, List<String> series) {
    }

    public record Pivot(String name, String location, String source, List<String> rows, List<String> columns,
            List<String> values, List<String> filters) {
    }

    public record Validation(String range, String type, String detail) {
    }

    public record Conditional(String range, List<String> rules) {
    }

    public record Note(String cell, String author, String text) {
    }
}
