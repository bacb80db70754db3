package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.WorkbookEdit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/** Applies an edit to a stored workbook, writing the changed workbook to {@code out}. */
public interface WorkbookEditor {

    /** The formats (format plugin ids, e.g. "xlsx") whose files this editor changes. */
    Set<String> formats();

    /** Whether files of {@code format} (a format plugin id) can be changed by this editor. */
    default boolean edits(String format) {
        return formats().contains(format);
    }

    /**
     * @return a short account of what changed, for the tool result
     * @throws dev.sheetsmith.domain.InvalidInputException when the edit does not fit the workbook
     *     (no such sheet, a name already used, ...); nothing is written then
     */
    String apply(InputStream current, WorkbookEdit edit, OutputStream out) throws IOException;

    /**
     * {@link #apply}, for a caller that holds only a small memory reservation: an editor that can
     * make the edit on a stream does so; before it loads the whole workbook instead it runs
     * {@code beforeLoadingWhole} (which reserves memory for that, and may refuse).
     */
    default String apply(InputStream current, WorkbookEdit edit, OutputStream out, Runnable beforeLoadingWhole)
            throws IOException {
        beforeLoadingWhole.run();
        return apply(current, edit, out);
    }

    /**
     * Several edits in order, as one change (used to finish a new workbook, e.g. its formatting).
     * Nothing is written when any of them does not fit.
     *
     * @return the edits' accounts, joined
     */
    String applyAll(InputStream current, List<WorkbookEdit> edits, OutputStream out) throws IOException;
}
