package dev.sheetsmith.adapters.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.sheetsmith.ports.out.FileStore;
import java.util.HexFormat;

/** Counts and hashes bytes on their way to a store, so size and sha256 cost no second read. */
final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest digest;
    private long count;

    HashingOutputStream(OutputStream out) {
        super(out);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        // the store owns the underlying stream
        flush();
    }

    /** What went through, once everything is written. */
    FileStore.Written written() {
        return new FileStore.Written(count, HexFormat.of().formatHex(digest.digest()));
    }
}
