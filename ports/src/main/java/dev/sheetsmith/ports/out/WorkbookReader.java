package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import java.io.IOException;
import java.io.InputStream;

/** Reads stored xlsx workbooks without loading them whole. */
public interface WorkbookReader {

    WorkbookDescription describe(InputStream xlsx) throws IOException;

    /**
     * @param sheet a sheet name; null for the first sheet
     * @param range null for the sheet's used range
     * @throws dev.sheetsmith.domain.InvalidInputException when the sheet does not exist
     */
    RangeRead read(InputStream xlsx, String sheet, CellRange range, boolean formulas, int maxCells) throws IOException;
}
