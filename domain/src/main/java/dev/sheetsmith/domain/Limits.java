package dev.sheetsmith.domain;

/** Limits an operator sets in configuration; each has its own clear error. */
public record Limits(long maxCellsPerCall, int maxSheets) {

    public Limits {
        if (maxCellsPerCall < 1 || maxSheets < 1) {
            throw new IllegalArgumentException("limits must be positive");
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
