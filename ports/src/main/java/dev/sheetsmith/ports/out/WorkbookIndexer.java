package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Builds, once per stored revision, a read index: what reads need (sheets, used ranges, the cells
 * in blocks of rows, defined names) in a form from which a page costs its own rows. Revisions never
 * change once written, so the index is kept beside the revision's bytes in the file store (every
 * replica shares it) under {@code storageKey + suffix()}. An index answers exactly what
 * {@link WorkbookReader} answers for the same file; where it cannot (a page whose formulas need the
 * workbook to be computed) it says so with an empty answer and the caller reads the file.
 */
public interface WorkbookIndexer {

    /** Appended to a revision's storage key to name its index; names the index format's version. */
    String suffix();

    /** Reads the stored file once and writes its index; the file is streamed, never held whole. */
    void write(InputStream file, OutputStream index) throws IOException;

    /**
     * As {@link #write(InputStream, OutputStream)}, asking {@code memory} for the heap the build holds
     * once the file says how much (the shared strings, which are kept whole while the cells are read);
     * a refusal ({@code InvalidInputException}) stops the build. The caller reserves the build's buffers
     * before it calls.
     */
    default void write(InputStream file, OutputStream index, Memory memory) throws IOException {
        write(file, index);
    }

    /** Heap asked for while an index is built. */
    @FunctionalInterface
    interface Memory {
        /** Holds {@code bytes} more until the returned handle is closed. */
        Held reserve(long bytes, String what);

        /** No budget: nothing is held, nothing refused. */
        Memory NONE = (bytes, what) -> () -> { };
    }

    /** A reservation made through {@link Memory}. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens a stored index: reads its table of contents, and later only the blocks a call needs. */
    Index open(Source index) throws IOException;

    /** The stored index's bytes, by range. */
    @FunctionalInterface
    interface Source {
        InputStream open(long offset, long length) throws IOException;
    }

    /** One revision's index: a table of contents in memory, blocks of cells read when asked. */
    interface Index {

        WorkbookDescription describe();

        /** As {@link WorkbookReader#describeSheet}, kept when the index was built; empty when the file must answer. */
        default Optional<dev.sheetsmith.domain.SheetDetails> describeSheet(String sheet) throws IOException {
            return Optional.empty();
        }

        /** As {@link WorkbookReader#read}; empty when the page holds formulas the file must compute. */
        Optional<RangeRead> read(String sheet, CellRange range, boolean formulas, int maxCells) throws IOException;

        /** As {@link WorkbookReader#find}; empty when a searched sheet could not be indexed. */
        Optional<List<WorkbookReader.Match>> find(WorkbookReader.Search search) throws IOException;

        /** Roughly how many bytes of heap the table of contents holds, for a bounded cache. */
        long heapBytes();
    }
}
