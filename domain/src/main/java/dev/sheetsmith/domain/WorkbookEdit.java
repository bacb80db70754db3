package dev.sheetsmith.domain;

import java.util.List;
import java.util.Objects;

/** A change to a stored workbook, validated when it is made, before anything is touched. */
public sealed interface WorkbookEdit {

    /** A few words for the revision list, e.g. "write_range Data!B2:D4". */
    String describe();

    /** Cells to write from {@code start} on; a Text starting with '=' has become a Formula already. */
    record WriteRange(String sheet, CellRange start, List<List<CellValue>> rows) implements WorkbookEdit {
        public WriteRange {
            Objects.requireNonNull(start, "start");
            rows = rows.stream().map(List::copyOf).toList();
            if (rows.isEmpty()) {
                throw new InvalidInputException("'values' must hold at least one row");
            }
            int width = rows.stream().mapToInt(List::size).max().orElse(0);
            if (start.firstRow() + rows.size() - 1 > CellRange.MAX_ROW
                    || start.firstColumn() + width - 1 > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("writing " + rows.size() + " rows x " + width + " columns from "
                        + start.toA1() + " goes past the edge of the sheet");
            }
        }

        public CellRange target() {
            int width = Math.max(1, rows.stream().mapToInt(List::size).max().orElse(1));
            return new CellRange(start.firstRow(), start.firstColumn(), start.firstRow() + rows.size() - 1,
                    start.firstColumn() + width - 1);
        }

        @Override
        public String describe() {
            return "write_range " + (sheet == null ? "" : sheet + "!") + target().toA1();
        }
    }

    /** Rows added after the last used row; headers, when given, are matched to the sheet's header row. */
    record AppendRows(String sheet, SheetData data) implements WorkbookEdit {
        public AppendRows {
            Objects.requireNonNull(data, "data");
            if (data.rows().isEmpty()) {
                throw new InvalidInputException("append_rows needs at least one row of data");
            }
        }

        @Override
        public String describe() {
            return "append_rows " + data.rows().size() + " row(s)" + (sheet == null ? "" : " to " + sheet);
        }
    }

    record CreateSheet(SheetData sheet) implements WorkbookEdit {
        @Override
        public String describe() {
            return "create_sheet " + sheet.name();
        }
    }

    record RenameSheet(String sheet, String newName) implements WorkbookEdit {
        public RenameSheet {
            Objects.requireNonNull(sheet, "sheet");
            SheetNames.requireValid(newName);
        }

        @Override
        public String describe() {
            return "rename_sheet " + sheet + " -> " + newName;
        }
    }

    record DeleteSheet(String sheet) implements WorkbookEdit {
        public DeleteSheet {
            Objects.requireNonNull(sheet, "sheet");
        }

        @Override
        public String describe() {
            return "delete_sheet " + sheet;
        }
    }

    record ClearRange(String sheet, CellRange range) implements WorkbookEdit {
        public ClearRange {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String describe() {
            return "clear_range " + (sheet == null ? "" : sheet + "!") + range.toA1();
        }
    }

    /** Copies values, formulas (references adjusted as Excel does) and styles to {@code target}'s top-left. */
    record CopyRange(String sheet, CellRange source, String targetSheet, CellRange target) implements WorkbookEdit {
        public CopyRange {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (target.firstRow() + source.rowCount() - 1 > CellRange.MAX_ROW
                    || target.firstColumn() + source.columnCount() - 1 > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("copying " + source.toA1() + " to " + target.toA1()
                        + " goes past the edge of the sheet");
            }
        }

        @Override
        public String describe() {
            return "copy_range " + source.toA1() + " -> " + (targetSheet == null ? "" : targetSheet + "!")
                    + target.toA1();
        }
    }

    /** Sorts the rows of {@code range} by columns (letters), each ascending or not; a header row stays on top. */
    record SortRange(String sheet, CellRange range, List<SortKey> keys, boolean hasHeader) implements WorkbookEdit {
        public SortRange {
            Objects.requireNonNull(range, "range");
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new InvalidInputException("'by' needs at least one column to sort by");
            }
            for (SortKey key : keys) {
                if (key.column() < range.firstColumn() || key.column() > range.lastColumn()) {
                    throw new InvalidInputException("sort column " + SheetInput.columnLetter(key.column())
                            + " is outside the range " + range.toA1());
                }
            }
        }

        @Override
        public String describe() {
            return "sort_range " + range.toA1();
        }
    }

    record SortKey(int column, boolean ascending) {
    }

    /** Replaces text in cell values (not formulas); {@code range} null means the whole sheet. */
    record ReplaceCells(String sheet, CellRange range, String find, String replacement, boolean matchCase,
            boolean wholeCell) implements WorkbookEdit {
        public ReplaceCells {
            if (find == null || find.isEmpty()) {
                throw new InvalidInputException("'find' must not be empty");
            }
            Objects.requireNonNull(replacement, "replacement");
        }

        @Override
        public String describe() {
            return "replace_cells '" + find + "'";
        }
    }

    record CopySheet(String sheet, String newName) implements WorkbookEdit {
        public CopySheet {
            Objects.requireNonNull(sheet, "sheet");
            SheetNames.requireValid(newName);
        }

        @Override
        public String describe() {
            return "copy_sheet " + sheet + " -> " + newName;
        }
    }

    /** Inserts or deletes whole rows (1-based numbers) or columns (letters) at {@code at}. */
    record ShiftLines(String sheet, boolean rows, boolean insert, int at, int count) implements WorkbookEdit {
        public ShiftLines {
            if (count < 1 || count > 10_000) {
                throw new InvalidInputException("'count' must be between 1 and 10000");
            }
            int max = rows ? CellRange.MAX_ROW : CellRange.MAX_COLUMN;
            if (at < 0 || at > max || (!insert && at + count - 1 > max)) {
                throw new InvalidInputException("position " + (rows ? String.valueOf(at + 1)
                        : SheetInput.columnLetter(Math.min(at, CellRange.MAX_COLUMN))) + " is outside the sheet");
            }
        }

        @Override
        public String describe() {
            return (insert ? "insert " : "delete ") + count + (rows ? " row(s) at " + (at + 1)
                    : " column(s) at " + SheetInput.columnLetter(at));
        }
    }
}
