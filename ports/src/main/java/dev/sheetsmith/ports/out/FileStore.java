package dev.sheetsmith.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Bytes of stored files. A write is atomic: readers see the whole new file or nothing. */
public interface FileStore {

    void write(String key, BodyWriter body) throws IOException;

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;

    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
