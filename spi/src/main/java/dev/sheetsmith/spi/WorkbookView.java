package dev.sheetsmith.spi;

import java.util.List;

/** A read-only view of a workbook handed to (or returned by) a {@link FormatPlugin}. */
public interface WorkbookView {

    List<SheetView> sheets();

    /** A view over sheets a plugin has read. */
    static WorkbookView of(List<SheetView> sheets) {
        List<SheetView> copy = List.copyOf(sheets);
        return () -> copy;
    }
}
