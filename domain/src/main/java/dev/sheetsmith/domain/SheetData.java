package dev.sheetsmith.domain;

import java.util.List;
import java.util.Objects;

/**
 * One sheet to write: an optional header row and data rows of typed cells. Rows may be shorter
 * than the widest row; missing cells are empty. {@link #rows()} may be a {@link StreamedList}: iterate
 * it rather than index into it.
 */
public record SheetData(String name, List<String> headers, List<List<CellValue>> rows) {

    public SheetData {
        SheetNames.requireValid(name);
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        // Streamed rows (a large request's, spilled to disk) stay where they are: each pass reads them afresh.
        rows = rows instanceof StreamedList ? rows : rows.stream().map(List::copyOf).toList();
    }

    public boolean hasHeaderRow() {
        return !headers.isEmpty();
    }

    public int columnCount() {
        if (rows instanceof ConvertedRows streamed) {
            return Math.max(headers.size(), streamed.widest());
        }
        int widest = headers.size();
        for (List<CellValue> row : rows) {
            widest = Math.max(widest, row.size());
        }
        return widest;
    }

    /** Rows as they appear in the sheet, header row included. */
    public int rowCount() {
        return rows.size() + (hasHeaderRow() ? 1 : 0);
    }

    public long cellCount() {
        if (rows instanceof ConvertedRows streamed) {
            return headers.size() + streamed.cells();
        }
        long cells = headers.size();
        for (List<CellValue> row : rows) {
            cells += row.size();
        }
        return cells;
    }

    /** Whether any cell is a formula (streamed rows answer from the pass that checked them). */
    public boolean hasFormulas() {
        if (rows instanceof ConvertedRows streamed) {
            return streamed.formulas();
        }
        return rows.stream().anyMatch(row -> row.stream().anyMatch(CellValue.Formula.class::isInstance));
    }

    /** Whether the rows are streamed from storage (each pass reads them afresh) rather than held. */
    public boolean streamed() {
        return rows instanceof StreamedList;
    }
}
