package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.domain.WorkbookEdit;
import java.util.List;
import java.util.Objects;

/**
 * Create a new stored file from validated workbook data.
 *
 * @param finishing edits applied to the new xlsx before it is stored (its formatting), as part of
 *     revision 1; empty for none
 */
public record CreateWorkbookCommand(Owner owner, String filename, String format, WorkbookData workbook,
        List<WorkbookEdit> finishing) {

    public CreateWorkbookCommand(Owner owner, String filename, String format, WorkbookData workbook) {
        this(owner, filename, format, workbook, List.of());
    }

    public CreateWorkbookCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(workbook, "workbook");
        finishing = finishing == null ? List.of() : List.copyOf(finishing);
        if (filename == null || filename.isBlank()) {
            throw new InvalidInputException("'filename' is required, e.g. \"employees.xlsx\"");
        }
        format = format == null || format.isBlank() ? "xlsx" : format;
    }
}
