package dev.sheetsmith.domain;

/**
 * Limits an operator sets in configuration; each has its own clear error.
 *
 * @param maxRows rows a sheet may reach (header included); Excel's 1,048,576 unless set lower
 * @param maxColumns columns a sheet may reach; Excel's 16,384 unless set lower
 */
public record Limits(long maxCellsPerCall, int maxSheets, int maxRows, int maxColumns) {

    public Limits {
        if (maxCellsPerCall < 1 || maxSheets < 1 || maxRows < 1 || maxColumns < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxRows > SheetInput.MAX_ROWS || maxColumns > SheetInput.MAX_COLUMNS) {
            throw new IllegalArgumentException("limits.maxRows is at most " + SheetInput.MAX_ROWS
                    + " and limits.maxColumns at most " + SheetInput.MAX_COLUMNS + " (Excel's own limits)");
        }
    }

    public Limits(long maxCellsPerCall, int maxSheets) {
        this(maxCellsPerCall, maxSheets, SheetInput.MAX_ROWS, SheetInput.MAX_COLUMNS);
    }

    /** Rows (0-based last index) and columns a change would reach, against maxRows and maxColumns. */
    public void checkReach(String sheet, int lastRowIndex, int lastColumnIndex) {
        String where = sheet == null ? "the sheet" : "sheet '" + sheet + "'";
        if (lastRowIndex + 1 > maxRows) {
            throw new InvalidInputException(where + " would reach row " + (lastRowIndex + 1) + "; this server allows "
                    + maxRows + " rows per sheet (limits.maxRows)");
        }
        if (lastColumnIndex + 1 > maxColumns) {
            throw new InvalidInputException(where + " would reach column " + SheetInput.columnLetter(lastColumnIndex)
                    + " (" + (lastColumnIndex + 1) + "); this server allows " + maxColumns
                    + " columns per sheet (limits.maxColumns)");
        }
    }

    /** Cells an edit writes from the request (0 for edits that carry no values). */
    public static long cells(WorkbookEdit edit) {
        if (edit instanceof WorkbookEdit.WriteRange w) {
            return w.rows().stream().mapToLong(java.util.List::size).sum();
        } else if (edit instanceof WorkbookEdit.AppendRows a) {
            return a.data().cellCount();
        } else if (edit instanceof WorkbookEdit.CreateSheet c) {
            return c.sheet().cellCount();
        }
        return 0;
    }

    /** Cells written by one edit count against the same per-call limit as a create. */
    public void check(WorkbookEdit edit) {
        long cells = cells(edit);
        if (edit instanceof WorkbookEdit.WriteRange w) {
            checkReach(w.sheet(), w.target().lastRow(), w.target().lastColumn());
        } else if (edit instanceof WorkbookEdit.AppendRows a) {
            checkReach(a.sheet(), a.data().rows().size() - 1, a.data().columnCount() - 1);
        } else if (edit instanceof WorkbookEdit.CreateSheet c) {
            checkReach(c.sheet().name(), c.sheet().rowCount() - 1, c.sheet().columnCount() - 1);
        } else if (edit instanceof WorkbookEdit.CopyRange c) {
            checkReach(c.targetSheet(), c.target().firstRow() + c.source().rowCount() - 1,
                    c.target().firstColumn() + c.source().columnCount() - 1);
        }
        if (cells > maxCellsPerCall) {
            throw new InvalidInputException("the request has " + cells + " cells; this server allows at most "
                    + maxCellsPerCall + " per call (limits.maxCellsPerCall). Split the data over several calls.");
        }
    }

    public void check(WorkbookData workbook) {
        for (SheetData sheet : workbook.sheets()) {
            checkReach(sheet.name(), sheet.rowCount() - 1, sheet.columnCount() - 1);
        }
        if (workbook.sheets().size() > maxSheets) {
            throw new InvalidInputException("the workbook has " + workbook.sheets().size()
                    + " sheets; this server allows at most " + maxSheets + " per file (limits.maxSheets)");
        }
        long cells = workbook.cellCount();
        if (cells > maxCellsPerCall) {
            throw new InvalidInputException("the request has " + cells + " cells (header cells included); this server"
                    + " allows at most " + maxCellsPerCall + " per call (limits.maxCellsPerCall). Split the data"
                    + " over several calls.");
        }
    }
}
