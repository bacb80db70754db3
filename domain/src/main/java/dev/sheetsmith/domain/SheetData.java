package dev.sheetsmith.domain;

import java.util.List;
import java.util.Objects;

/**
 * One sheet to write: an optional header row and data rows of typed cells. Rows may be shorter
 * than the widest row; missing cells are empty.
 */
public record SheetData(String name, List<String> headers, List<List<CellValue>> rows) {

    public SheetData {
        SheetNames.requireValid(name);
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        rows = rows.stream().map(List::copyOf).toList();
    }

    public boolean hasHeaderRow() {
        return !headers.isEmpty();
    }

    public int columnCount() {
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
        long cells = headers.size();
        for (List<CellValue> row : rows) {
            cells += row.size();
        }
        return cells;
    }
}
