package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The operator's key commands, run as {@code java -jar sheetsmith.jar keys ...} would run them.
 * Its own class: a running test app sets dw.* system properties that would redirect the command.
 */
class KeysCommandIT {

    @Test
    void theKeysCommandCreatesListsAndRevokesKeys() throws Exception {
        Path dir = TestServers.tempDir("sheetsmith-keys-cli");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(Path.of(TestServers.CONFIG))
                .replace("${SHEETSMITH_DB_URL:-jdbc:h2:file:./data/sheetsmith}", "jdbc:h2:file:" + dir.resolve("db"))
                .replace("${SHEETSMITH_FILES_DIR:-./data/files}", dir.resolve("files").toString()));

        String created = runKeys("create", "--owner", "carol", "--admin", config.toString());
        assertThat(created).contains("Created admin key").contains("owner carol");
        String key = created.lines().filter(l -> l.startsWith("ssk_")).findFirst().orElseThrow();
        String id = key.split("_")[1];

        String listed = runKeys("list", config.toString());
        assertThat(listed).contains(id).contains("carol").contains("admin").contains("active").doesNotContain(key);

        assertThat(runKeys("revoke", "--id", id, config.toString())).contains("Revoked key " + id);
        assertThat(runKeys("list", config.toString())).contains("revoked");
        String hashes = Jdbi.create("jdbc:h2:file:" + dir.resolve("db"), "sa", "").withHandle(h -> h
                .createQuery("SELECT secret_sha256 FROM api_keys").mapTo(String.class).one());
        assertThat(hashes).hasSize(64).doesNotContain(key.substring(22));
    }

    private static String runKeys(String... args) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "keys";
            System.arraycopy(args, 0, full, 1, args.length);
            new SheetsmithApplication().run(full);
        } finally {
            System.setOut(previous);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

}
