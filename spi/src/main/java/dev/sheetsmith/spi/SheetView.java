package dev.sheetsmith.spi;

import java.util.List;
import java.util.stream.Stream;

/** A read-only view of one sheet: its name, an optional header row, and data rows as a stream. */
public interface SheetView {

    String name();

    /** Header labels; empty when the sheet has no header row. */
    List<String> headers();

    /** The widest row's cell count, header row included. */
    int columnCount();

    /**
     * Data rows in order; a row may be shorter than {@link #columnCount()} (missing cells are
     * empty). Each call returns a new stream over the same rows.
     */
    Stream<List<CellValue>> rows();

    /**
     * Whether any cell may be a formula. A view that knows none is (its rows were checked as they
     * came) answers false, so a writer that treats formulas apart need not read every row first.
     *
     * @since SPI 2
     */
    default boolean mayHoldFormulas() {
        return true;
    }

    /**
     * How the sheet looks beside its values (styles, merges, widths); {@link SheetFormat#NONE} when
     * the format holds none or the plugin does not read it.
     *
     * @since SPI 2
     */
    default SheetFormat format() {
        return SheetFormat.NONE;
    }

    /** A view over rows a plugin has read into memory. */
    static SheetView of(String name, List<String> headers, List<List<CellValue>> rows) {
        return of(name, headers, rows, SheetFormat.NONE);
    }

    /**
     * A view over rows a plugin has read into memory, with how the sheet looks.
     *
     * @since SPI 2
     */
    static SheetView of(String name, List<String> headers, List<List<CellValue>> rows, SheetFormat format) {
        java.util.Objects.requireNonNull(format, "format");
        List<String> h = List.copyOf(headers);
        List<List<CellValue>> r = rows.stream().map(List::copyOf).toList();
        int width = Math.max(h.size(), r.stream().mapToInt(List::size).max().orElse(0));
        return new SheetView() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> headers() {
                return h;
            }

            @Override
            public int columnCount() {
                return width;
            }

            @Override
            public Stream<List<CellValue>> rows() {
                return r.stream();
            }

            @Override
            public SheetFormat format() {
                return format;
            }
        };
    }
}
