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

    /**
     * {@code length} bytes of the stored bytes from {@code offset} on: what a read index needs to
     * fetch one block of a large derived object without the rest. Stores that can seek override it.
     */
    default InputStream open(String key, long offset, long length) throws IOException {
        InputStream in = open(key);
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new BoundedInputStream(in, length);
    }

    /** The first {@code limit} bytes of a stream; closing it closes the stream. */
    final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        public BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }

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
