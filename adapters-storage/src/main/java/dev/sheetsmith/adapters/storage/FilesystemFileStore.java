package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.ports.out.FileStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Files under one root folder. A write goes to a temporary file beside the target, is forced to
 * disk, then renamed over the real name, and the folder is forced too (the rename is a change of
 * the folder): a reader never sees a half-written file, and once write returns the file survives a
 * crash of the process or of the machine.
 */
public final class FilesystemFileStore implements FileStore {

    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tmp");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    /** Bytes a write collects before handing them to the file. */
    private static final int WRITE_BUFFER = 64 * 1024;

    private final Path root;

    public FilesystemFileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public Written write(String key, BodyWriter body) throws IOException {
        Written written;
        Path target = resolve(key);
        Path created = firstMissing(target.getParent());
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                // A writer that closes its stream must not close the channel before it is forced to disk.
                // Buffered: a zip writer hands over headers, descriptors and entries in pieces of a few bytes, and
                // unbuffered each was a write(2) of its own (some 60 for a 10-row workbook).
                BufferedOutputStream buffered = new BufferedOutputStream(out, WRITE_BUFFER);
                HashingOutputStream hashing = new HashingOutputStream(buffered);
                body.writeTo(hashing);
                hashing.flush();
                written = hashing.written();
                buffered.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            // The new name lives in the folder, and a new folder in its parent: force each of them.
            Path last = created == null ? target.getParent() : created.getParent();
            for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
                forceDirectory(dir);
                if (dir.equals(last)) {
                    break;
                }
            }
            return written;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp); // once renamed there is nothing to delete (an unlink(2) failing for nothing)
            }
        }
    }

    /** The topmost folder on the way to {@code dir} that does not exist yet, or null. */
    private Path firstMissing(Path dir) {
        Path missing = null;
        for (Path d = dir; d != null && d.startsWith(root) && !Files.isDirectory(d); d = d.getParent()) {
            missing = d;
        }
        return missing;
    }

    /**
     * fsync of a folder, which makes the names in it durable. Where a folder cannot be opened for
     * this (Windows) it is skipped: there the file system journals names itself.
     */
    private static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Every stored file (temporary files of unfinished writes left out), with its last-modified time. */
    @Override
    public void list(Consumer<StoredKey> each) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String key = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                if (SAFE_KEY.matcher(key).matches() && !key.contains("..")) {
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    } catch (NoSuchFileException gone) {
                        continue;
                    }
                    if (attributes.isRegularFile()) {
                        each.accept(new StoredKey(key, attributes.lastModifiedTime().toInstant()));
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Temporary files (".name.uuid.tmp") of writes whose process died before the rename. */
    @Override
    public int removeUnfinishedWrites(Instant cutoff) throws IOException {
        int removed = 0;
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> TEMP_NAME.matcher(p.getFileName().toString()).matches()).forEach(stale::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path temp : stale) {
            try {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff) && Files.deleteIfExists(temp)) {
                    removed++;
                }
            } catch (NoSuchFileException gone) {
                // its write finished or another sweep was first
            }
        }
        return removed;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    /** Seeks: one block of a large read index costs its own bytes only. */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(resolve(key),
                java.nio.file.StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new BoundedInputStream(new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(
                channel), 64 * 1024), length);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** Whether the root folder is there and writable; used by the health check. */
    public boolean isWritable() {
        return Files.isDirectory(root) && Files.isWritable(root);
    }

    private Path resolve(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return path;
    }
}
