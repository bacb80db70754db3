package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;

/**
 * @param range null reads the sheet's used range
 * @param formulas true returns formula text ("=SUM(A1:A3)") instead of values
 * @param maxCells the page size; the result's nextRange continues from where it stopped
 */
public record ReadRangeQuery(String fileRef, String sheet, CellRange range, boolean formulas, int maxCells) {

    public static final int DEFAULT_MAX_CELLS = 2_000;
    public static final int LIMIT_MAX_CELLS = 50_000;

    public ReadRangeQuery {
        if (fileRef == null || fileRef.isBlank()) {
            throw new InvalidInputException("'file' is required: a file id or name from list_files");
        }
        if (maxCells < 1 || maxCells > LIMIT_MAX_CELLS) {
            throw new InvalidInputException("'maxCells' must be between 1 and " + LIMIT_MAX_CELLS);
        }
    }
}
