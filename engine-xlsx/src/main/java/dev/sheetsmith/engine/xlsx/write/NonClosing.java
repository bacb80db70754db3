package dev.sheetsmith.engine.xlsx.write;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A stream whose close only flushes: a part's writer may close its buffer, the zip (or the caller's stream) stays open. */
public final class NonClosing extends FilterOutputStream {

    public NonClosing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
