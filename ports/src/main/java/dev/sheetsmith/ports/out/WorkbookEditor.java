package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.WorkbookEdit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Applies an edit to an xlsx workbook, writing the changed workbook to {@code out}. */
public interface WorkbookEditor {

    /** Whether this editor changes files of the format {@code formatId} (a FormatPlugin id). */
    default boolean edits(String formatId) {
        return "xlsx".equals(formatId);
    }

    /**
     * @return a short account of what changed, for the tool result
     * @throws dev.sheetsmith.domain.InvalidInputException when the edit does not fit the workbook
     *     (no such sheet, a name already used, ...); nothing is written then
     */
    String apply(InputStream current, WorkbookEdit edit, OutputStream out) throws IOException;

    /**
     * Several edits in order, as one change (used to finish a new workbook, e.g. its formatting).
     * Nothing is written when any of them does not fit.
     *
     * @return the edits' accounts, joined
     */
    String applyAll(InputStream current, List<WorkbookEdit> edits, OutputStream out) throws IOException;
}
