package dev.sheetsmith.spi;

import java.util.List;

/** A read-only view of a workbook handed to (or returned by) a {@link FormatPlugin}. */
public interface WorkbookView {

    List<SheetView> sheets();

    /**
     * What a reader could not carry over and the caller should know, one short sentence each,
     * naming where (e.g. "sheet 'Data', cell D4: the formula ... has no Excel form; the cell kept
     * its value"). Keep it short: a reader lists a few and counts the rest. Read it after the rows:
     * a reader that streams may add notes as it goes.
     *
     * @since SPI 2
     */
    default List<String> notes() {
        return List.of();
    }

    /** A view over sheets a plugin has read. */
    static WorkbookView of(List<SheetView> sheets) {
        return of(sheets, List.of());
    }

    /**
     * A view over sheets a plugin has read, with its notes.
     *
     * @since SPI 2
     */
    static WorkbookView of(List<SheetView> sheets, List<String> notes) {
        List<SheetView> copy = List.copyOf(sheets);
        List<String> said = List.copyOf(notes);
        return new WorkbookView() {
            @Override
            public List<SheetView> sheets() {
                return copy;
            }

            @Override
            public List<String> notes() {
                return said;
            }
        };
    }
}
