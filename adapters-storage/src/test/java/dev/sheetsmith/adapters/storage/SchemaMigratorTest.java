package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrator against a real, fresh H2 database per test. */
class SchemaMigratorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private Jdbi jdbi;

    @BeforeEach
    void freshDatabase() {
        jdbi = StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    @Test
    void migratingAFreshDatabaseAppliesEveryScriptInOrderAndRecordsEach() {
        assertThat(new SchemaMigrator(jdbi).migrate()).isEqualTo(SchemaMigrator.scripts().size());

        assertThat(versionRows()).containsExactly("1:V1__sessions_files_settings.sql", "2:V2__api_keys.sql",
                "3:V3__file_revisions.sql", "4:V4__gateway_keys.sql", "5:V5__audit_log.sql");
    }

    @Test
    void migratedTablesAcceptInsertsAndReturnThemInSelects() {
        new SchemaMigrator(jdbi).migrate();

        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO mcp_sessions (id, owner_id, created_at, last_seen_at)"
                    + " VALUES ('s1', 'alice', :t, :t)").bind("t", T0).execute();
            h.createUpdate("INSERT INTO files (id, owner_id, name, format, media_type, size_bytes, sha256, revision,"
                    + " storage_key, created_at, updated_at) VALUES ('f1', 'alice', 'a.xlsx', 'xlsx', 'x', 1, 'h', 1,"
                    + " 'f1/r1.xlsx', :t, :t)").bind("t", T0).execute();
            h.execute("INSERT INTO settings (setting_name, setting_value) VALUES ('k', 'v')");
            h.createUpdate("INSERT INTO api_keys (id, owner_id, role, secret_sha256, created_at)"
                    + " VALUES ('k1', 'alice', 'user', 'h', :t)").bind("t", T0).execute();
            h.createUpdate("INSERT INTO file_revisions (file_id, revision, storage_key, size_bytes, sha256,"
                    + " created_at) VALUES ('f1', 1, 'f1/r1.xlsx', 1, 'h', :t)").bind("t", T0).execute();
            h.createUpdate("INSERT INTO audit_log (at, action) VALUES (:t, 'file.create')").bind("t", T0).execute();
            h.createUpdate("INSERT INTO audit_log (at, action) VALUES (:t, 'file.delete')").bind("t", T0).execute();
        });

        jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT owner_id FROM mcp_sessions WHERE id = 's1'").mapTo(String.class).one())
                    .isEqualTo("alice");
            assertThat(h.createQuery("SELECT name FROM files WHERE id = 'f1'").mapTo(String.class).one())
                    .isEqualTo("a.xlsx");
            assertThat(h.createQuery("SELECT setting_value FROM settings WHERE setting_name = 'k'")
                    .mapTo(String.class).one()).isEqualTo("v");
            // V4 added the column with a default, so a key inserted without it is not a gateway key.
            assertThat(h.createQuery("SELECT gateway FROM api_keys WHERE id = 'k1'").mapTo(Boolean.class).one())
                    .isFalse();
            assertThat(h.createQuery("SELECT storage_key FROM file_revisions WHERE file_id = 'f1'")
                    .mapTo(String.class).one()).isEqualTo("f1/r1.xlsx");
            // The audit id is generated and increasing.
            assertThat(h.createQuery("SELECT id FROM audit_log ORDER BY id").mapTo(Long.class).list())
                    .hasSize(2).isSorted().doesNotHaveDuplicates();
        });
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTimeAndKeepsTheData() {
        SchemaMigrator migrator = new SchemaMigrator(jdbi);
        migrator.migrate();
        jdbi.useHandle(h -> h.execute("INSERT INTO settings (setting_name, setting_value) VALUES ('kept', 'yes')"));

        assertThat(migrator.migrate()).isZero();
        assertThat(new SchemaMigrator(jdbi).migrate()).isZero();

        assertThat(versionRows()).hasSize(SchemaMigrator.scripts().size());
        assertThat(select("SELECT setting_value FROM settings WHERE setting_name = 'kept'", String.class))
                .containsExactly("yes");
    }

    @Test
    void statementsAreSplitOnSemicolonsAndCommentLinesAreDropped() {
        String sql = """
                -- a leading comment; with a semicolon that must not split anything
                CREATE TABLE a (x INT);
                    -- an indented comment
                CREATE TABLE b (
                    y INT
                );

                ;
                INSERT INTO a VALUES (1)
                """;

        List<String> statements = SchemaMigrator.statements(sql);

        assertThat(statements).containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n    y INT\n)",
                "INSERT INTO a VALUES (1)");
    }

    @Test
    void statementsOfOnlyCommentsAndBlankLinesAreNone() {
        assertThat(SchemaMigrator.statements("-- nothing here\n\n   \n-- still nothing;\n")).isEmpty();
        assertThat(SchemaMigrator.statements("")).isEmpty();
    }

    @Test
    void statementsAcceptWindowsLineEndings() {
        assertThat(SchemaMigrator.statements("-- comment\r\nCREATE TABLE a (x INT);\r\nCREATE TABLE b (y INT);\r\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
    }

    @Test
    void theShippedMigrationsAreFoundByListingTheirFolder() {
        assertThat(SchemaMigrator.scripts()).containsExactly("V1__sessions_files_settings.sql", "V2__api_keys.sql",
                "V3__file_revisions.sql", "V4__gateway_keys.sql", "V5__audit_log.sql");
    }

    @Test
    void migrationsAreFoundInsideAJarInVersionOrder(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("app.jar"), "db/migration/V10__ten.sql", "db/migration/V2__two.sql",
                "db/migration/V1__one.sql", "db/migration/README.txt", "db/other/V11__elsewhere.sql",
                "db/migration/old/V12__nested.sql", "db/migration/V3__three.sql", "db/migration/V4__4.sql",
                "db/migration/V5__5.sql", "db/migration/V6__6.sql", "db/migration/V7__7.sql", "db/migration/V8__8.sql",
                "db/migration/V9__9.sql");

        assertThat(SchemaMigrator.scripts(jar)).startsWith("V1__one.sql", "V2__two.sql", "V3__three.sql")
                .endsWith("V9__9.sql", "V10__ten.sql").hasSize(10);
    }

    @Test
    void aMissingOrDoubledVersionIsRefusedNamingTheScripts(@TempDir Path dir) throws IOException {
        Path gap = jar(dir.resolve("gap.jar"), "db/migration/V1__one.sql", "db/migration/V3__three.sql");
        Path twice = jar(dir.resolve("twice.jar"), "db/migration/V1__one.sql", "db/migration/V1__again.sql");

        assertThatThrownBy(() -> SchemaMigrator.scripts(gap)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without gaps").hasMessageContaining("[V1__one.sql, V3__three.sql]");
        assertThatThrownBy(() -> SchemaMigrator.scripts(twice)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two database migrations have version 1");
    }

    @Test
    void migrationsAreFoundInAClassFolderToo(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(dir.resolve("db/migration/V2__b.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("db/migration/V1__a.sql"), "SELECT 1;");

        assertThat(SchemaMigrator.scripts(dir)).containsExactly("V1__a.sql", "V2__b.sql");
    }

    private static Path jar(Path jar, String... entries) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry));
                zip.write("SELECT 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void everyShippedMigrationSplitsIntoCommentFreeStatements() throws IOException {
        for (String script : SchemaMigrator.scripts()) {
            List<String> statements = SchemaMigrator.statements(resource(script));
            assertThat(statements).as(script).isNotEmpty()
                    .allSatisfy(s -> assertThat(s).doesNotContain("--").doesNotEndWith(";").isEqualTo(s.strip()));
        }
        // V1: three tables and two indexes.
        assertThat(SchemaMigrator.statements(resource("V1__sessions_files_settings.sql"))).hasSize(5);
    }

    @Test
    void aFirstMigrationWhoseTablesExistButWhoseVersionRowIsMissingRunsAgain() throws IOException {
        // H2 commits DDL statement by statement: a first run cut short after V1's tables leaves them
        // (and maybe rows in them) without V1's version row.
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String statement : SchemaMigrator.statements(resource("V1__sessions_files_settings.sql"))) {
                h.execute(statement);
            }
            h.execute("INSERT INTO settings (setting_name, setting_value) VALUES ('secret', 'from-before')");
        });
        assertThat(versionRows()).isEmpty();

        assertThat(new SchemaMigrator(jdbi).migrate()).isEqualTo(SchemaMigrator.scripts().size());

        assertThat(versionRows()).hasSize(SchemaMigrator.scripts().size());
        assertThat(select("SELECT setting_value FROM settings", String.class)).containsExactly("from-before");
        assertThat(new SchemaMigrator(jdbi).migrate()).isZero();
    }

    @Test
    void aMigrationCutShortHalfwayThroughItsStatementsRunsAgain() {
        // Only the first statement of V1 ran, and no schema_version table exists yet.
        jdbi.useHandle(h -> h.execute(SchemaMigrator.statements(read("V1__sessions_files_settings.sql")).get(0)));

        assertThatCode(() -> new SchemaMigrator(jdbi).migrate()).doesNotThrowAnyException();

        assertThat(versionRows()).hasSize(SchemaMigrator.scripts().size());
        assertThat(select("SELECT COUNT(*) FROM files", Integer.class)).containsExactly(0);
    }

    @Test
    void aLaterMigrationWhoseVersionRowIsMissingIsTheOnlyOneApplied() {
        SchemaMigrator migrator = new SchemaMigrator(jdbi);
        migrator.migrate();
        // V4's ALTER already ran but its row was not recorded.
        jdbi.useHandle(h -> h.execute("DELETE FROM schema_version WHERE version = 4"));

        assertThat(migrator.migrate()).isEqualTo(1);

        assertThat(versionRows()).hasSize(SchemaMigrator.scripts().size()).contains("4:V4__gateway_keys.sql");
    }

    private <T> List<T> select(String sql, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).list());
    }

    private List<String> versionRows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT version, script FROM schema_version ORDER BY version")
                .map((rs, ctx) -> rs.getInt("version") + ":" + rs.getString("script")).list());
    }

    private static String read(String script) {
        try {
            return resource(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String resource(String script) throws IOException {
        try (InputStream in = SchemaMigratorTest.class.getResourceAsStream("/db/migration/" + script)) {
            assertThat(in).as(script + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
