package dev.sheetsmith.adapters.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL files under {@code db/migration} ({@code V<n>__<what>.sql}) once each,
 * in order, recording them in {@code schema_version}. They are found by listing that folder in the
 * jar or class folder this class was loaded from, so a new migration needs no index kept by hand.
 * Migrations are written to be idempotent (IF NOT EXISTS) and their version row is recorded only
 * after every statement ran: H2 commits DDL statement by statement, so a migration cut short is
 * simply run again, and two replicas starting together both end on the same schema.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private static final String FOLDER = "db/migration/";
    private static final Pattern SCRIPT = Pattern.compile("V([1-9][0-9]*)__[A-Za-z0-9_]+\\.sql");

    private final Jdbi jdbi;

    public SchemaMigrator(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    public int migrate() {
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"));
        int applied = 0;
        List<String> scripts = scripts();
        for (int i = 0; i < scripts.size(); i++) {
            int version = i + 1;
            String script = scripts.get(i);
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

    /** The shipped migrations, version 1 first. */
    static List<String> scripts() {
        try {
            return scripts(Path.of(SchemaMigrator.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the database migrations were loaded from", e);
        }
    }

    /**
     * The migrations in a jar or class folder, version 1 first; refused when a version is missing
     * or taken twice (a migration would be skipped or run in the wrong order).
     */
    static List<String> scripts(Path jarOrFolder) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(jarOrFolder)) {
                Path folder = jarOrFolder.resolve(FOLDER);
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        files.forEach(f -> names.add(f.getFileName().toString()));
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(jarOrFolder.toFile())) {
                    jar.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith(FOLDER) && n.indexOf('/', FOLDER.length()) < 0)
                            .forEach(n -> names.add(n.substring(FOLDER.length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the database migrations in " + jarOrFolder, e);
        }
        TreeMap<Integer, String> byVersion = new TreeMap<>();
        for (String name : names) {
            Matcher m = SCRIPT.matcher(name);
            if (m.matches()) {
                String other = byVersion.put(Integer.parseInt(m.group(1)), name);
                if (other != null) {
                    throw new IllegalStateException("two database migrations have version " + m.group(1) + ": "
                            + other + " and " + name);
                }
            }
        }
        if (byVersion.isEmpty() || byVersion.lastKey() != byVersion.size()) {
            throw new IllegalStateException("the database migrations in " + jarOrFolder + " must be numbered 1, 2,"
                    + " 3, ... without gaps; found " + byVersion.values());
        }
        return List.copyOf(byVersion.values());
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
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("/" + FOLDER + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
