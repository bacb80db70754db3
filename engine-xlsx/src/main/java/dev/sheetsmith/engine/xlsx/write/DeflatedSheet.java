package dev.sheetsmith.engine.xlsx.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A sheet's cell XML, compressed as it is written, while the parts that come before it in the sheet
 * (the used range, the column widths the cells decide) are not yet known. The cells are compressed
 * as one raw deflate segment ending on a sync flush; at the end the head and the tail are compressed
 * as segments of their own and the three are joined into one zip entry, which inflates as one stream
 * (a deflate stream may be cut into independently compressed blocks). Past {@link #THREAD_AT} bytes
 * the compression runs on a second thread while the cells are still being made, so a large sheet
 * costs about the longer of the two instead of their sum; a sheet that stays under it is one
 * ordinary entry, compressed by the zip itself. The compressed bytes stay in memory up to
 * {@link Segment#IN_MEMORY}, past that in a temporary file: with the writer's buffer and the queue to
 * the second thread, at most about 10 MiB of heap, within what a streamed edit reserves.
 *
 * <p>The new workbooks of {@link PlainXlsxWriter} and the sheet a streamed edit rewrites both go
 * through it.
 */
public final class DeflatedSheet extends OutputStream {

    static final int THREAD_AT = 1 << 20;
    private static final byte[] END = new byte[0];

    private byte[] pending = new byte[1 << 12];
    private int pendingSize;
    /** The cells' segment, made when the cells outgrow {@link #THREAD_AT}. */
    private Segment cells;
    private Thread thread;
    private BlockingQueue<byte[]> queue;
    private volatile Throwable failed;
    private boolean finished;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (thread == null) {
            if (pendingSize + len <= THREAD_AT) {
                if (pendingSize + len > pending.length) {
                    pending = Arrays.copyOf(pending, Math.min(THREAD_AT, Math.max(pendingSize + len, pending.length * 2)));
                }
                System.arraycopy(b, off, pending, pendingSize, len);
                pendingSize += len;
                return;
            }
            start();
        }
        hand(Arrays.copyOfRange(b, off, off + len));
    }

    private void start() throws IOException {
        cells = new Segment();
        queue = new ArrayBlockingQueue<>(16);
        thread = new Thread(() -> {
            try {
                for (byte[] chunk; (chunk = queue.take()) != END; ) {
                    cells.deflate(chunk, 0, chunk.length);
                }
            } catch (Throwable e) {
                failed = e;
                queue.clear(); // the writer's next hand-over does not wait for a reader that is gone
            }
        }, "sheetsmith-deflate");
        thread.setDaemon(true);
        thread.start();
        hand(Arrays.copyOf(pending, pendingSize));
        pending = null;
        pendingSize = 0;
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a sheet");
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable e = failed;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e != null) {
            throw new IOException("compressing a sheet failed", e);
        }
    }

    /** Ends the cells' segment: everything written is compressed, up to a byte boundary. */
    private void finishCells() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        hand(END);
        join();
        rethrow();
        cells.end(false);
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a sheet");
        }
    }

    /** Adds the sheet as {@code name}: {@code head}, the cells written, then {@code tail}. */
    public void addTo(ZipArchiveOutputStream zip, String name, byte[] head, byte[] tail) throws IOException {
        if (thread == null) {
            // a small sheet, still whole in memory: one ordinary entry, compressed by the zip itself
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write(head);
            zip.write(pending, 0, pendingSize);
            zip.write(tail);
            zip.closeArchiveEntry();
            return;
        }
        finishCells();
        Segment first = new Segment();
        first.deflate(head, 0, head.length);
        first.end(false);
        Segment last = new Segment();
        last.deflate(tail, 0, tail.length);
        last.end(true);
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipArchiveEntry.DEFLATED);
            entry.setSize(first.size + cells.size + last.size);
            entry.setCompressedSize(first.compressed() + cells.compressed() + last.compressed());
            entry.setCrc(Crc32.combine(Crc32.combine(first.crc(), cells.crc(), cells.size), last.crc(), last.size));
            try (InputStream raw = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                    first.read(), cells.read(), last.read())))) {
                zip.addRawArchiveEntry(entry, raw);
            }
        } finally {
            first.close();
            last.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (thread != null && thread.isAlive()) {
                // a failed write: the compressor is told to stop and waited for, so nothing is left running
                failed = failed == null ? new IOException("the sheet was abandoned") : failed;
                queue.clear();
                queue.offer(END);
                join();
            }
        } finally {
            if (cells != null) {
                cells.close();
            }
        }
    }

    /** One raw deflate segment: its length in and out, its CRC, and its compressed bytes. */
    private static final class Segment {
        static final int IN_MEMORY = 8 << 20;

        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final CRC32 crc = new CRC32();
        private final byte[] out = new byte[1 << 16];
        private final SheetSpill compressed = new SheetSpill(IN_MEMORY);
        long size;

        void deflate(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            size += len;
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH);
                compressed.write(out, 0, n);
            }
        }

        /** Compresses what is left: the stream's last block, or a sync flush ending on a byte boundary. */
        void end(boolean last) throws IOException {
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(out, 0, deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                    compressed.write(out, 0, n);
                } while (n == out.length);
            }
            deflater.end();
        }

        long crc() {
            return crc.getValue();
        }

        long compressed() {
            return compressed.size();
        }

        InputStream read() throws IOException {
            return compressed.read();
        }

        void close() throws IOException {
            deflater.end();
            compressed.close();
        }
    }

    /** zlib's crc32_combine: the CRC-32 of A followed by B from the CRCs of both and B's length. */
    static final class Crc32 {

        private Crc32() {
        }

        static long combine(long crc1, long crc2, long length2) {
            if (length2 <= 0) {
                return crc1;
            }
            long[] even = new long[32];
            long[] odd = new long[32];
            odd[0] = 0xEDB88320L; // the CRC-32 polynomial, reflected: the operator for one zero bit
            long row = 1;
            for (int n = 1; n < 32; n++) {
                odd[n] = row;
                row <<= 1;
            }
            square(even, odd); // two zero bits
            square(odd, even); // four zero bits
            long length = length2;
            do {
                square(even, odd); // the first time round: one zero byte
                if ((length & 1) != 0) {
                    crc1 = times(even, crc1);
                }
                length >>= 1;
                if (length == 0) {
                    break;
                }
                square(odd, even);
                if ((length & 1) != 0) {
                    crc1 = times(odd, crc1);
                }
                length >>= 1;
            } while (length != 0);
            return crc1 ^ crc2;
        }

        private static long times(long[] matrix, long vector) {
            long sum = 0;
            for (int i = 0; vector != 0; i++, vector >>>= 1) {
                if ((vector & 1) != 0) {
                    sum ^= matrix[i];
                }
            }
            return sum;
        }

        private static void square(long[] square, long[] matrix) {
            for (int n = 0; n < 32; n++) {
                square[n] = times(matrix, matrix[n]);
            }
        }
    }
}
