package dev.sheetsmith.ports.spi;

import java.util.List;

/** A read-only view of a workbook handed to a {@link FormatPlugin}. */
public interface WorkbookView {

    List<SheetView> sheets();
}
