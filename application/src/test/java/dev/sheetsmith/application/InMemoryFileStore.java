package dev.sheetsmith.application;

import dev.sheetsmith.ports.out.FileStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The FileStore port in a map: a write is stored whole once its body returns, or not at all. */
final class InMemoryFileStore implements FileStore {

    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    @Override
    public Written write(String key, BodyWriter body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        byte[] content = out.toByteArray();
        bytes.put(key, content);
        return new Written(content.length, sha256(content));
    }

    @Override
    public InputStream open(String key) throws IOException {
        byte[] content = bytes.get(key);
        if (content == null) {
            throw new NoSuchFileException(key);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void delete(String key) {
        bytes.remove(key);
    }

    @Override
    public void list(Consumer<StoredKey> each) {
        new TreeMap<>(bytes).keySet().forEach(k -> each.accept(new StoredKey(k, Instant.EPOCH)));
    }

    Set<String> keys() {
        return Set.copyOf(bytes.keySet());
    }

    String text(String key) {
        return new String(bytes.get(key), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
