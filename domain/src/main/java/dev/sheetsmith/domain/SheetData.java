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

    /** Which columns hold a number, and which a date or date-time (streamed rows answer from the checking pass). */
    public ColumnKinds columnKinds() {
        if (rows instanceof ConvertedRows streamed) {
            return streamed.kinds();
        }
        java.util.BitSet numbers = new java.util.BitSet();
        java.util.BitSet dates = new java.util.BitSet();
        for (List<CellValue> row : rows) {
            ColumnKinds.note(row, numbers, dates);
        }
        return new ColumnKinds(numbers, dates);
    }

    /** The kinds of value each column holds, found in one pass over the rows. */
    public static final class ColumnKinds {
        private final java.util.BitSet numbers;
        private final java.util.BitSet dates;

        ColumnKinds(java.util.BitSet numbers, java.util.BitSet dates) {
            this.numbers = (java.util.BitSet) numbers.clone();
            this.dates = (java.util.BitSet) dates.clone();
        }

        /** Notes the kinds of one row's cells; whether it holds a formula. */
        static boolean note(List<CellValue> row, java.util.BitSet numbers, java.util.BitSet dates) {
            boolean formula = false;
            for (int c = 0; c < row.size(); c++) {
                CellValue v = row.get(c);
                if (v instanceof CellValue.Number) {
                    numbers.set(c);
                } else if (v instanceof CellValue.Date || v instanceof CellValue.DateTime) {
                    dates.set(c);
                } else if (v instanceof CellValue.Formula) {
                    formula = true;
                }
            }
            return formula;
        }

        /** Whether some cell of column {@code c} (0-based) holds a number. */
        public boolean number(int c) {
            return numbers.get(c);
        }

        /** Whether some cell of column {@code c} (0-based) holds a date or a date-time. */
        public boolean date(int c) {
            return dates.get(c);
        }
    }

    /** Whether the rows are streamed from storage (each pass reads them afresh) rather than held. */
    public boolean streamed() {
        return rows instanceof StreamedList;
    }
}
