package dev.sheetsmith.ports.out;

import dev.sheetsmith.spi.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Checks a workbook that comes in so that it can be stored as the file itself: it opens, it stays
 * within {@link ReadLimits} (counted while its parts stream, never loaded whole), and nothing in
 * it reaches outside the workbook (the formula policy). The file is only read.
 */
public interface WorkbookIntake {

    /**
     * @throws dev.sheetsmith.domain.InvalidInputException when the file is not a workbook, or breaks
     *     the formula policy (naming every cell or part that does)
     * @throws dev.sheetsmith.spi.InvalidFileException when it passes a limit
     */
    Checked check(InputStream workbook, ReadLimits limits) throws IOException;

    /**
     * @param macroEnabled the workbook is an xlsm (macro-enabled content type, or a VBA project inside);
     *     its macros are never run here
     */
    record Checked(List<Sheet> sheets, boolean macroEnabled) {
        public Checked {
            sheets = List.copyOf(sheets);
        }
    }

    /** @param rows rows from row 1 to the last used; @param columns likewise from column A */
    record Sheet(String name, int rows, int columns, boolean headerRow, boolean hidden) {
    }
}
