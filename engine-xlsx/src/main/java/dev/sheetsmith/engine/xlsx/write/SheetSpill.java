package dev.sheetsmith.engine.xlsx.write;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes kept to be read back once: in memory up to a limit, past that in a temporary file, which
 * {@link #close()} removes.
 */
final class SheetSpill extends OutputStream {

    private final int inMemory;
    private byte[] memory = new byte[1 << 12];
    private long size;
    private Path file;
    private OutputStream fileOut;

    SheetSpill(int inMemory) {
        this.inMemory = inMemory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut != null) {
            fileOut.write(b, off, len);
            size += len;
            return;
        }
        if (size + len <= inMemory) {
            int at = (int) size;
            if (at + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(inMemory, Math.max(at + len, memory.length * 2)));
            }
            System.arraycopy(b, off, memory, at, len);
            size += len;
            return;
        }
        file = Files.createTempFile("sheetsmith-sheet-", ".bin");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        fileOut.write(memory, 0, (int) size);
        memory = null;
        fileOut.write(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    /** Everything written, in order. */
    InputStream read() throws IOException {
        if (fileOut == null) {
            return new ByteArrayInputStream(memory, 0, (int) size);
        }
        fileOut.close();
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        memory = null;
        if (fileOut != null) {
            try {
                fileOut.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
