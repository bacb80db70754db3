package dev.sheetsmith.domain;

/** Limits an operator sets in configuration; each has its own clear error. */
public record Limits(long maxCellsPerCall, int maxSheets) {

    public Limits {
        if (maxCellsPerCall < 1 || maxSheets < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Cells written by one edit count against the same per-call limit as a create. */
    public void check(WorkbookEdit edit) {
        long cells = 0;
        if (edit instanceof WorkbookEdit.WriteRange w) {
            cells = w.rows().stream().mapToLong(java.util.List::size).sum();
        } else if (edit instanceof WorkbookEdit.AppendRows a) {
            cells = a.data().cellCount();
        } else if (edit instanceof WorkbookEdit.CreateSheet c) {
            cells = c.sheet().cellCount();
        }
        if (cells > maxCellsPerCall) {
            throw new InvalidInputException("the request has " + cells + " cells; this server allows at most "
                    + maxCellsPerCall + " per call (limits.maxCellsPerCall). Split the data over several calls.");
        }
    }

    public void check(WorkbookData workbook) {
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
