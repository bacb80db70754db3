package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.StoredFile;
import java.util.List;

/**
 * What a create stored: the file, the shape of each sheet, a signed link, the name that was asked
 * for (which differs from the stored name when that name was already taken), and notes on what a
 * conversion could not carry over (e.g. an ods formula kept as its value, naming the cell).
 */
public record CreatedWorkbook(StoredFile file, List<SheetSummary> sheets, DownloadLink link, String requestedName,
        List<String> notes) {

    public CreatedWorkbook(StoredFile file, List<SheetSummary> sheets, DownloadLink link, String requestedName) {
        this(file, sheets, link, requestedName, List.of());
    }

    public CreatedWorkbook {
        sheets = List.copyOf(sheets);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The same result with {@code more} notes after its own. */
    public CreatedWorkbook withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new CreatedWorkbook(file, sheets, link, requestedName, all);
    }

    public boolean renamed() {
        return !file.name().equals(requestedName);
    }

    public record SheetSummary(String name, int rows, int columns, boolean headerRow) {
    }
}
