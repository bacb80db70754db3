package dev.sheetsmith.server;

import dev.sheetsmith.adapters.storage.SchemaMigrator;
import dev.sheetsmith.adapters.storage.StorageJdbi;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;

/**
 * Database settings that make a commit survive the death of the process before the call that made
 * it is answered, whatever URL the operator gives. Used by everything that opens the database: the
 * server and the {@code keys} command.
 * <ul>
 * <li>H2 (2.x, MVStore) writes committed transactions to its file up to WRITE_DELAY (default
 * 500 ms) after the commit returns; with {@code WRITE_DELAY=0} each commit is written to the file
 * (the operating system's cache) before it returns. H2 re-reads WRITE_DELAY from the URL each time
 * it opens the database, and runs it as {@code SET WRITE_DELAY 0} on every new connection, so it
 * belongs in the URL rather than in one statement at start-up.</li>
 * <li>PostgreSQL answers a commit after its WAL is flushed, unless {@code synchronous_commit} is off
 * (for the server, the database or the role); it is set on for our connections.</li>
 * </ul>
 */
final class Databases {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);
    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=[^;]*");
    private static final Pattern H2_CLOSE_ON_EXIT = Pattern.compile("(?i);\\s*DB_CLOSE_ON_EXIT\\s*=");
    static final String PG_OPTIONS = "-c synchronous_commit=on";

    private Databases() {
    }

    /**
     * The server's connection pool, made durable ({@link #makeDurable}); hand it to {@link #open} and to the
     * stores that run their per-message statements on it directly.
     */
    static ManagedDataSource pool(DataSourceFactory database, Environment env) {
        makeDurable(database);
        return database.build(env.metrics(), "database");
    }

    /** The server's database on a pool from {@link #pool}: with Dropwizard's metrics and health check ("database"), migrated. */
    static Jdbi open(DataSourceFactory database, ManagedDataSource pool, Environment env) {
        Jdbi jdbi = StorageJdbi.configure(new JdbiFactory().build(env, database, pool, "database"));
        new SchemaMigrator(jdbi).migrate();
        checkDurable(jdbi, database.getUrl());
        return jdbi;
    }

    /** Applies {@link #durableUrl} and, for PostgreSQL, synchronous_commit=on for every connection. */
    static void makeDurable(DataSourceFactory database) {
        database.setUrl(durableUrl(database.getUrl()));
        if (isPostgres(database.getUrl())) {
            String options = database.getProperties().get("options");
            database.getProperties().put("options", options == null || options.isBlank() ? PG_OPTIONS
                    : options + " " + PG_OPTIONS);
        }
    }

    /**
     * An H2 URL of a persistent database gets {@code ;WRITE_DELAY=0} (replacing any other value),
     * and {@code ;DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise: H2's own shutdown hook would
     * otherwise close the database at SIGTERM under the calls that the graceful shutdown lets
     * finish; the connection pool closes it after them. In-memory H2 and other databases are left
     * as they are.
     */
    static String durableUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8) || isH2Memory(url)) {
            return url;
        }
        String durable = H2_WRITE_DELAY.matcher(url).replaceAll("") + ";WRITE_DELAY=0";
        return H2_CLOSE_ON_EXIT.matcher(url).find() ? durable : durable + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Logs a warning when the database would still lose acknowledged commits: H2 without
     * WRITE_DELAY 0 (e.g. a user without admin rights could not set it), PostgreSQL with fsync or
     * synchronous_commit off.
     */
    static void checkDurable(Jdbi jdbi, String url) {
        try {
            if (isPostgres(url)) {
                String fsync = jdbi.withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
                String sync = jdbi.withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
                if (!"on".equalsIgnoreCase(fsync) || "off".equalsIgnoreCase(sync)) {
                    LOG.warn("PostgreSQL runs with fsync={} and synchronous_commit={}: a crash can lose changes that"
                            + " were already answered as done. Turn fsync on.", fsync, sync);
                }
            } else if (url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, 8) && !isH2Memory(url)) {
                // the value in effect and the one stored by a SET WRITE_DELAY are both listed
                List<String> delays = jdbi.withHandle(h -> h.createQuery("SELECT SETTING_VALUE FROM"
                        + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'").mapTo(String.class).list());
                if (delays.isEmpty() || delays.stream().anyMatch(d -> !"0".equals(d))) {
                    LOG.warn("H2 runs with WRITE_DELAY {}: a crash can lose changes that were already answered as"
                            + " done.", delays);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check that the database keeps acknowledged commits: {}", e.toString());
        }
    }

    static boolean isPostgres(String url) {
        return url != null && url.regionMatches(true, 0, "jdbc:postgresql:", 0, 16);
    }

    private static boolean isH2Memory(String url) {
        String database = url.substring(8).split(";", 2)[0].toLowerCase(Locale.ROOT);
        // jdbc:h2:mem:x, and jdbc:h2:tcp://host/mem:x on a server
        return database.startsWith("mem:") || database.matches("(tcp|ssl)://[^/]*/mem:.*");
    }
}
