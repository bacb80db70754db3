package dev.sheetsmith.server;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Whole-app test servers: the real config.yml, a temp H2 file database and file folder, port 0. */
final class TestServers {

    static final String CONFIG = "../config.yml";
    static final String SECRET = "test-secret-test-secret-test-secret-0123";

    private TestServers() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults below, with {@code extra} key/value pairs replacing any default of the same key. */
    static ConfigOverride[] overrides(Path dataDir, String... extra) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("database.url", "jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath());
        values.put("storage.directory", dataDir.resolve("files").toString());
        values.put("downloads.secret", SECRET);
        values.put("server.applicationConnectors[0].port", "0");
        values.put("server.adminConnectors[0].port", "0");
        values.put("logging.level", "WARN");
        for (int i = 0; i < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        // One override per key: Dropwizard applies them in no fixed order.
        return values.entrySet().stream().map(e -> ConfigOverride.config(e.getKey(), e.getValue()))
                .toArray(ConfigOverride[]::new);
    }

    static DropwizardAppExtension<SheetsmithConfiguration> app(Path dataDir, String... extra) {
        return new DropwizardAppExtension<>(SheetsmithApplication.class, CONFIG, overrides(dataDir, extra));
    }

    static DropwizardTestSupport<SheetsmithConfiguration> support(Path dataDir, String... extra) {
        return new DropwizardTestSupport<>(SheetsmithApplication.class, CONFIG, overrides(dataDir, extra));
    }

    /** API keys in the test database under {@code dataDir}, migrated first (before or while the app runs). */
    static dev.sheetsmith.application.ApiKeyService keys(Path dataDir) {
        org.jdbi.v3.core.Jdbi jdbi = dev.sheetsmith.adapters.storage.StorageJdbi.configure(org.jdbi.v3.core.Jdbi
                .create("jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath(), "sa", ""));
        new dev.sheetsmith.adapters.storage.SchemaMigrator(jdbi).migrate();
        return new dev.sheetsmith.application.ApiKeyService(new dev.sheetsmith.adapters.storage.JdbiApiKeyStore(jdbi),
                java.time.Clock.systemUTC());
    }

    static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        // revisions only: a read index (<revision key>.ri<version>) is derived from one, built by reads
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().matches(".*\\.ri[0-9]+"))
                    .count();
        }
    }
}
