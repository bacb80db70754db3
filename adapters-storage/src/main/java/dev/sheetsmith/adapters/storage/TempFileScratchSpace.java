package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.ScratchSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Scratch room in temporary files of one folder (the JVM's temp folder unless told), each deleted on close. */
public final class TempFileScratchSpace implements ScratchSpace {

    private final Path folder;

    public TempFileScratchSpace() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public TempFileScratchSpace(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    @Override
    public Scratch hold(FileStore.BodyWriter body) throws IOException {
        Path file = Files.createTempFile(folder, "sheetsmith-scratch-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                body.writeTo(out);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Scratch() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public void close() throws IOException {
                Files.deleteIfExists(file);
            }
        };
    }
}
