package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemFileStoreTest {

    @TempDir
    Path root;

    @Test
    void writtenBytesReadBackAndAnOverwriteReplacesThem() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(root);
        store.write("f1/r1.xlsx", out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        store.write("f1/r1.xlsx", out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = store.open("f1/r1.xlsx")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two");
        }
        store.delete("f1/r1.xlsx");
        assertThatThrownBy(() -> store.open("f1/r1.xlsx")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(root);
        assertThatThrownBy(() -> store.write("f2/r1.xlsx", out -> {
            out.write(new byte[10_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void keysThatCouldEscapeTheFolderAreRefused() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(root);
        for (String key : new String[] {"../x", "/etc/passwd", "a/../../x", "a\\b", "", ".hidden", "a//b"}) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.isWritable()).isTrue();
    }
}
