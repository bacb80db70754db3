package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.WorkbookData;
import java.util.Objects;

/** Create a new stored file from validated workbook data. */
public record CreateWorkbookCommand(Owner owner, String filename, String format, WorkbookData workbook) {

    public CreateWorkbookCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(workbook, "workbook");
        if (filename == null || filename.isBlank()) {
            throw new InvalidInputException("'filename' is required, e.g. \"employees.xlsx\"");
        }
        format = format == null || format.isBlank() ? "xlsx" : format;
    }
}
