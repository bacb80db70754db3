package dev.sheetsmith.ports.out;

import java.io.IOException;
import java.io.InputStream;

/**
 * Room for bytes a use case needs once more before they are stored for good (a new workbook
 * written plainly, then finished into the file store). What it holds is gone when closed.
 */
public interface ScratchSpace {

    /** Writes {@code body} aside and returns it; close the result to free the room. */
    Scratch hold(FileStore.BodyWriter body) throws IOException;

    /**
     * Removes what calls of this server set aside and a process stopped without warning (kill -9)
     * left behind: its temporary files last changed before {@code cutoff}, which no call still running
     * can hold. Returns how many were removed.
     */
    default int removeLeftovers(java.time.Instant cutoff) throws IOException {
        return 0;
    }

    /** Bytes held aside, to be read as often as needed until closed. */
    interface Scratch extends AutoCloseable {

        InputStream open() throws IOException;

        @Override
        void close() throws IOException;
    }
}
