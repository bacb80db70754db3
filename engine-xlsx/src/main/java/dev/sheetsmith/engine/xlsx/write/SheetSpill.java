package dev.sheetsmith.engine.xlsx.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sheet's cell XML, held until the parts that come before it in the sheet (the used range, the
 * column widths the cells decide) are known. Held in memory up to {@link #IN_MEMORY} bytes, past that
 * in a temporary file, uncompressed: the XML is read back once, straight into the zip's compressor,
 * so a file that took no compression costs a copy, where one that did would cost a second deflate.
 */
final class SheetSpill extends OutputStream {

    static final int IN_MEMORY = 8 << 20;

    private byte[] memory = new byte[1 << 16];
    private int size;
    private Path file;
    private OutputStream fileOut;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        if (size + len <= IN_MEMORY) {
            if (size + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(IN_MEMORY, Math.max(size + len, memory.length * 2)));
            }
            System.arraycopy(b, off, memory, size, len);
            size += len;
            return;
        }
        file = Files.createTempFile("sheetsmith-sheet-", ".xml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        fileOut.write(memory, 0, size);
        memory = null;
        fileOut.write(b, off, len);
    }

    /** Everything written, in order, to {@code out}. */
    void copyTo(OutputStream out) throws IOException {
        if (fileOut == null) {
            out.write(memory, 0, size);
            return;
        }
        fileOut.close();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
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
