package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.FileStore.BodyWriter;
import dev.sheetsmith.ports.out.ScratchSpace;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filesystem store in a temporary folder. */
class FilesystemFileStoreTest {

    @TempDir
    Path root;

    private FilesystemFileStore store;

    @BeforeEach
    void storeInTheTemporaryFolder() throws IOException {
        store = new FilesystemFileStore(root);
    }

    @Test
    void writtenBytesReadBack() throws IOException {
        byte[] bytes = bytes(70_000);

        store.write("f1/r1.xlsx", out -> out.write(bytes));

        assertThat(read("f1/r1.xlsx")).isEqualTo(bytes);
        assertThat(root.resolve("f1/r1.xlsx")).hasBinaryContent(bytes);
    }

    @Test
    void aRangeOfStoredBytesReadsBackWithoutTheRest() throws IOException {
        byte[] bytes = bytes(200_000);
        store.write("f/r1.xlsx", out -> out.write(bytes));

        try (InputStream in = store.open("f/r1.xlsx", 123_457, 70_001)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 123_457, 193_458));
        }
        try (InputStream in = store.open("f/r1.xlsx", 199_990, 100)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 199_990, 200_000));
        }
    }

    @Test
    void aWriteReturnsTheSizeAndSha256OfWhatItStored() throws Exception {
        byte[] bytes = bytes(70_000);

        // a writer that closes the stream it is given, as some libraries do
        FileStore.Written written = store.write("f1/r1.xlsx", out -> {
            out.write(bytes, 0, 10);
            out.write(bytes[10]);
            out.write(bytes, 11, bytes.length - 11);
            out.close();
        });

        assertThat(written).isEqualTo(new FileStore.Written(bytes.length, HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(root.resolve("f1/r1.xlsx"))))));
        assertThat(root.resolve("f1/r1.xlsx")).hasBinaryContent(bytes);
    }

    @Test
    void scratchSpaceHoldsBytesUntilClosed(@TempDir Path scratchFolder) throws IOException {
        TempFileScratchSpace scratch = new TempFileScratchSpace(scratchFolder);
        try (ScratchSpace.Scratch held = scratch.hold(out -> out.write(text("plain")))) {
            for (int i = 0; i < 2; i++) {
                try (InputStream in = held.open()) {
                    assertThat(in.readAllBytes()).isEqualTo(text("plain"));
                }
            }
        }
        assertThat(scratchFolder).isEmptyDirectory();
        assertThatThrownBy(() -> scratch.hold(out -> {
            out.write(text("half"));
            throw new IOException("writer failed");
        })).hasMessage("writer failed");
        assertThat(scratchFolder).isEmptyDirectory();
    }

    @Test
    void anEmptyBodyIsStoredAsAnEmptyFile() throws IOException {
        store.write("empty.bin", out -> { });

        assertThat(read("empty.bin")).isEmpty();
    }

    @Test
    void anOverwriteReplacesTheWholeContent() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("a much longer first version")));

        store.write("f1/r1.xlsx", out -> out.write(text("v2")));

        assertThat(read("f1/r1.xlsx")).isEqualTo(text("v2"));
        assertThat(regularFiles()).containsExactly(root.resolve("f1/r1.xlsx"));
    }

    @Test
    void whileAnOverwriteIsUnderWayReadersSeeTheWholeOldContent() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("old content")));
        List<byte[]> seenMidWrite = new ArrayList<>();

        store.write("f1/r1.xlsx", out -> {
            out.write(text("new "));
            out.flush();
            seenMidWrite.add(read("f1/r1.xlsx"));
            out.write(text("content"));
        });

        assertThat(seenMidWrite).singleElement().isEqualTo(text("old content"));
        assertThat(read("f1/r1.xlsx")).isEqualTo(text("new content"));
    }

    @Test
    void aStreamOpenedBeforeAnOverwriteKeepsReadingTheOldContent() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("old content")));

        try (InputStream before = store.open("f1/r1.xlsx")) {
            store.write("f1/r1.xlsx", out -> out.write(text("new content")));

            assertThat(before.readAllBytes()).isEqualTo(text("old content"));
        }
        assertThat(read("f1/r1.xlsx")).isEqualTo(text("new content"));
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNoFileUnderTheKeyAndNoTemporaryFiles() throws IOException {
        BodyWriter failing = out -> {
            out.write(bytes(10_000));
            throw new IOException("disk full");
        };

        assertThatThrownBy(() -> store.write("f2/r1.xlsx", failing)).isInstanceOf(IOException.class)
                .hasMessage("disk full");

        assertThat(root.resolve("f2/r1.xlsx")).doesNotExist();
        assertThat(regularFiles()).isEmpty();
        assertThat(allEntries()).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        assertThatThrownBy(() -> store.open("f2/r1.xlsx")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anOverwriteThatFailsHalfwayKeepsTheOldContentAndNoTemporaryFiles() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("old content")));

        assertThatThrownBy(() -> store.write("f1/r1.xlsx", out -> {
            out.write(text("half of the new"));
            throw new IOException("connection lost");
        })).hasMessage("connection lost");

        assertThat(read("f1/r1.xlsx")).isEqualTo(text("old content"));
        assertThat(regularFiles()).containsExactly(root.resolve("f1/r1.xlsx"));
    }

    @Test
    void aWriterThatThrowsAnUncheckedExceptionAlsoLeavesNothingBehind() throws IOException {
        assertThatThrownBy(() -> store.write("f3/r1.xlsx", out -> {
            out.write(bytes(100));
            throw new IllegalStateException("bug in the writer");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(regularFiles()).isEmpty();
    }

    @Test
    void keysInNestedFoldersAreStoredUnderTheRoot() throws IOException {
        store.write("a/b/c/file.bin", out -> out.write(text("deep")));

        assertThat(root.resolve("a/b/c/file.bin")).hasBinaryContent(text("deep"));
        assertThat(read("a/b/c/file.bin")).isEqualTo(text("deep"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "f1/../../outside", "a..b", "/etc/passwd",
            "/tmp/x", "a\\b", "..\\x", "\\abs", " ", ".hidden", "a//b", "a/", "C:/x"})
    void keysThatAreEmptyAbsoluteOrClimbOutAreRefused(String key) throws IOException {
        AtomicBoolean bodyCalled = new AtomicBoolean();

        assertThatThrownBy(() -> store.write(key, out -> bodyCalled.set(true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);

        assertThat(bodyCalled).isFalse();
        assertThat(allEntries()).isEmpty();
    }

    @Test
    void deleteRemovesTheFile() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("x")));
        store.write("f1/r2.xlsx", out -> out.write(text("y")));

        store.delete("f1/r1.xlsx");

        assertThat(root.resolve("f1/r1.xlsx")).doesNotExist();
        assertThatThrownBy(() -> store.open("f1/r1.xlsx")).isInstanceOf(NoSuchFileException.class);
        assertThat(read("f1/r2.xlsx")).isEqualTo(text("y"));
    }

    @Test
    void deletingAMissingKeyIsNotAnError() throws IOException {
        store.delete("never/written.xlsx");

        assertThat(allEntries()).isEmpty();
    }

    @Test
    void openingAMissingKeyThrowsNoSuchFile() {
        assertThatThrownBy(() -> store.open("missing/r1.xlsx")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theRootIsCreatedWhenMissingAndReportedWritable() throws IOException {
        Path nested = root.resolve("not/yet/there");

        FilesystemFileStore created = new FilesystemFileStore(nested);

        assertThat(nested).isDirectory();
        assertThat(created.isWritable()).isTrue();
        created.write("k", out -> out.write(text("ok")));
        assertThat(nested.resolve("k")).hasBinaryContent(text("ok"));
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Everything under the root, folders included, the root itself not. */
    private List<Path> allEntries() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root)).toList();
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void aWriterThatClosesItsStreamStillStoresTheFile() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(root);
        store.write("closing/r1.xlsx", out -> {
            out.write(new byte[] {1, 2, 3});
            out.close();
        });
        try (InputStream in = store.open("closing/r1.xlsx")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void listNamesEveryStoredFileWithItsTimeAndLeavesTemporaryFilesOut() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("one")));
        store.write("f1/r2-abcdef12.xlsx", out -> out.write(text("two")));
        store.write("f2/r1.csv", out -> out.write(text("three")));
        Files.writeString(root.resolve("f1/.r3.xlsx." + java.util.UUID.randomUUID() + ".tmp"), "half");
        Instant old = Instant.parse("2025-01-01T00:00:00Z");
        Files.setLastModifiedTime(root.resolve("f2/r1.csv"), java.nio.file.attribute.FileTime.from(old));

        java.util.Map<String, Instant> listed = new java.util.TreeMap<>();
        store.list(k -> listed.put(k.key(), k.modified()));

        assertThat(listed).containsOnlyKeys("f1/r1.xlsx", "f1/r2-abcdef12.xlsx", "f2/r1.csv");
        assertThat(listed.get("f2/r1.csv")).isEqualTo(old);
        assertThat(listed.get("f1/r1.xlsx")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void unfinishedWritesOlderThanTheCutoffAreRemovedAndNothingElse() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write(text("one")));
        Path stale = root.resolve("f1/.r2.xlsx." + java.util.UUID.randomUUID() + ".tmp");
        Path fresh = root.resolve("f1/.r3.xlsx." + java.util.UUID.randomUUID() + ".tmp");
        Path notOurs = root.resolve("f1/.hidden.tmp");
        for (Path p : List.of(stale, fresh, notOurs)) {
            Files.writeString(p, "half");
        }
        Instant cutoff = Instant.now().minusSeconds(3600);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(cutoff.minusSeconds(1)));
        Files.setLastModifiedTime(notOurs, java.nio.file.attribute.FileTime.from(cutoff.minusSeconds(1)));
        Files.setLastModifiedTime(root.resolve("f1/r1.xlsx"), java.nio.file.attribute.FileTime.from(cutoff.minusSeconds(9)));

        assertThat(store.removeUnfinishedWrites(cutoff)).isEqualTo(1);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(notOurs).exists();
        assertThat(read("f1/r1.xlsx")).isEqualTo(text("one"));
    }

    @Test
    void aWriteIntoNewFoldersLeavesNoTemporaryFileAndTheNewFoldersHoldIt() throws IOException {
        store.write("a/b/c/r1.xlsx", out -> out.write(text("deep")));

        assertThat(read("a/b/c/r1.xlsx")).isEqualTo(text("deep"));
        assertThat(allEntries()).containsExactlyInAnyOrder(root.resolve("a"), root.resolve("a/b"),
                root.resolve("a/b/c"), root.resolve("a/b/c/r1.xlsx"));
    }
}
