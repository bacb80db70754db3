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
}
