package dev.sheetsmith.ports.spi;

import dev.sheetsmith.domain.CellValue;
import java.util.List;
import java.util.stream.Stream;

/** A read-only view of one sheet: its name, an optional header row, and data rows as a stream. */
public interface SheetView {

    String name();

    /** Header labels; empty when the sheet has no header row. */
    List<String> headers();

    /** The widest row's cell count, header row included. */
    int columnCount();

    /** Data rows in order; a row may be shorter than {@link #columnCount()} (missing cells are empty). */
    Stream<List<CellValue>> rows();
}
