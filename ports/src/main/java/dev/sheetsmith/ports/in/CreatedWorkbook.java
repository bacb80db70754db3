package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.StoredFile;
import java.util.List;

/**
 * What a create stored: the file, the shape of each sheet, a signed link, and the name that was
 * asked for (which differs from the stored name when that name was already taken).
 */
public record CreatedWorkbook(StoredFile file, List<SheetSummary> sheets, DownloadLink link, String requestedName) {

    public CreatedWorkbook {
        sheets = List.copyOf(sheets);
    }

    public boolean renamed() {
        return !file.name().equals(requestedName);
    }

    public record SheetSummary(String name, int rows, int columns, boolean headerRow) {
    }
}
