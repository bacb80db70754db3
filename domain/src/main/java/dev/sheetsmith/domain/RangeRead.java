package dev.sheetsmith.domain;

import java.util.List;

/**
 * Cells read from a sheet, row by row. {@code nextRange} names the rest of the requested range
 * when the cell budget ran out (null when everything was read); {@code unevaluated} lists formula
 * cells whose value was neither saved nor computable: they are reported, never guessed.
 * {@code recalculated} lists formula cells whose value our engine could not compute and a second
 * engine (LibreOffice, when it is configured) did.
 */
public record RangeRead(String sheet, CellRange range, List<List<CellValue>> rows, CellRange nextRange,
        List<String> unevaluated, List<String> recalculated) {

    public RangeRead {
        rows = rows.stream().map(List::copyOf).toList();
        unevaluated = List.copyOf(unevaluated);
        recalculated = List.copyOf(recalculated);
    }

    public RangeRead(String sheet, CellRange range, List<List<CellValue>> rows, CellRange nextRange,
            List<String> unevaluated) {
        this(sheet, range, rows, nextRange, unevaluated, List.of());
    }
}
