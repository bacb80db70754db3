package dev.sheetsmith.domain;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows of cells made on each pass from streamed input items, by the same conversion that checked
 * them once: a large sheet's cells are never all in memory at once.
 */
final class ConvertedRows extends AbstractList<List<CellValue>> implements StreamedList {

    /** One input item (from index {@code start} on) as a row of cells. */
    interface Conversion {
        List<CellValue> row(Object item, int index);
    }

    private final List<?> items;
    private final int start;
    private final Conversion conversion;
    /** Found by the pass that checked every item. */
    private final int widest;
    private final long cells;
    private final boolean formulas;
    private final SheetData.ColumnKinds kinds;

    private ConvertedRows(List<?> items, int start, Conversion conversion, int widest, long cells, boolean formulas,
            SheetData.ColumnKinds kinds) {
        this.items = items;
        this.start = start;
        this.conversion = conversion;
        this.widest = widest;
        this.cells = cells;
        this.formulas = formulas;
        this.kinds = kinds;
    }

    /** Converts every item once (so a bad one is refused now, before anything is written), keeping none. */
    static ConvertedRows checked(List<?> items, int start, Conversion conversion) {
        int index = 0;
        int widest = 0;
        long cells = 0;
        boolean formulas = false;
        java.util.BitSet numbers = new java.util.BitSet();
        java.util.BitSet dates = new java.util.BitSet();
        Iterator<?> it = items.iterator();
        try {
            while (it.hasNext()) {
                Object item = it.next();
                if (index >= start) {
                    List<CellValue> row = conversion.row(item, index);
                    widest = Math.max(widest, row.size());
                    cells += row.size();
                    formulas |= SheetData.ColumnKinds.note(row, numbers, dates);
                }
                index++;
            }
        } finally {
            // a bad item stops the pass: its file is let go now, not when the collector finds it
            if (it instanceof AutoCloseable open) {
                try {
                    open.close();
                } catch (Exception ignored) {
                    // nothing was written through it
                }
            }
        }
        return new ConvertedRows(items, start, conversion, widest, cells, formulas,
                new SheetData.ColumnKinds(numbers, dates));
    }

    int widest() {
        return widest;
    }

    long cells() {
        return cells;
    }

    boolean formulas() {
        return formulas;
    }

    SheetData.ColumnKinds kinds() {
        return kinds;
    }

    @Override
    public int size() {
        return items.size() - start;
    }

    @Override
    public List<CellValue> get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        Iterator<List<CellValue>> it = iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }

    @Override
    public Iterator<List<CellValue>> iterator() {
        Iterator<?> source = items.iterator();
        for (int i = 0; i < start && source.hasNext(); i++) {
            source.next();
        }
        return new Iterator<>() {
            int index = start;

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public List<CellValue> next() {
                if (!source.hasNext()) {
                    throw new NoSuchElementException();
                }
                return conversion.row(source.next(), index++);
            }
        };
    }
}
