package dev.sheetsmith.adapters.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL files under {@code db/migration} once each, in order, recording them
 * in {@code schema_version}. The list is explicit because a shaded jar cannot list a folder.
 * Migrations are written to be idempotent (IF NOT EXISTS) and their version row is recorded only
 * after every statement ran: H2 commits DDL statement by statement, so a migration cut short is
 * simply run again, and two replicas starting together both end on the same schema.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    static final List<String> MIGRATIONS = List.of("V1__sessions_files_settings.sql", "V2__api_keys.sql",
            "V3__file_revisions.sql", "V4__gateway_keys.sql", "V5__audit_log.sql");

    private final Jdbi jdbi;

    public SchemaMigrator(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    public int migrate() {
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"));
        int applied = 0;
        for (int i = 0; i < MIGRATIONS.size(); i++) {
            int version = i + 1;
            String script = MIGRATIONS.get(i);
            boolean done = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM schema_version WHERE version = :v")
                    .bind("v", version).mapTo(Integer.class).one() > 0);
            if (done) {
                continue;
            }
            String sql = read(script);
            jdbi.useHandle(h -> {
                for (String statement : statements(sql)) {
                    h.execute(statement);
                }
                h.createUpdate("INSERT INTO schema_version (version, script, applied_at) SELECT :v, :s, :t"
                        + " WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = :v)")
                        .bind("v", version).bind("s", script).bind("t", Instant.now()).execute();
            });
            LOG.info("Applied database migration {}", script);
            applied++;
        }
        return applied;
    }

    static List<String> statements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return List.of(withoutComments.toString().split(";")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
