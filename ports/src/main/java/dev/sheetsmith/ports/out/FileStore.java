package dev.sheetsmith.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Bytes of stored files. A write is atomic: readers see the whole new file or nothing. A write is
 * also durable when it returns (on disk, or in the bucket), so that a database commit naming the
 * key after it never names bytes that a crash could take away.
 */
public interface FileStore {

    /** @return the size and SHA-256 of the bytes stored, counted on their way in (no second read) */
    Written write(String key, BodyWriter body) throws IOException;

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;

    /**
     * Every stored key with the time it was last written, for the sweep that removes bytes no
     * record names (a crash between the write and the commit leaves such bytes behind).
     */
    void list(Consumer<StoredKey> each) throws IOException;

    /**
     * Removes what writes that never finished left behind (temporary files of a process that died)
     * when last touched before {@code cutoff}; returns how many. Stores without such leftovers do nothing.
     */
    default int removeUnfinishedWrites(Instant cutoff) throws IOException {
        return 0;
    }

    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What a write stored: its size in bytes and the hex SHA-256 of its content. */
    record Written(long sizeBytes, String sha256) {
    }

    /** A key in the store and when its bytes were written. */
    record StoredKey(String key, Instant modified) {
    }
}
