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

    /**
     * Every call's temporary files in this folder start with "sheetsmith-" (scratch, edits, streamed
     * edits and sheets, read indexes, spilled requests), and Apache POI keeps its own (the streaming
     * writer's sheets, zip entries it spills) in the folder {@value #POI_FOLDER} inside it: the regular
     * files among them older than {@code cutoff} are removed. Folders are left alone, POI's too.
     */
    @Override
    public int removeLeftovers(java.time.Instant cutoff) throws IOException {
        return remove(folder, LEFTOVERS, cutoff) + remove(folder.resolve(POI_FOLDER), "*", cutoff);
    }

    /** Removes the regular files of {@code dir} matching {@code glob} last changed before {@code cutoff}. */
    private static int remove(Path dir, String glob, java.time.Instant cutoff) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0; // POI makes its folder on first use only
        }
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // its call finished meanwhile
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // the folder went (POI's, when another process using it ended)
        }
        return removed;
    }

    /**
     * The folder Apache POI's default temp file strategy keeps its files in, inside the JVM's temp
     * folder (org.apache.poi.util.DefaultTempFileCreationStrategy); its files end with the process that
     * made them, unless it was killed.
     */
    static final String POI_FOLDER = "poifiles";

    /** The names this server's temporary files take. */
    static final String LEFTOVERS = "sheetsmith-*";

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
