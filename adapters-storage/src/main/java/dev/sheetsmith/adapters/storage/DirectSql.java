package dev.sheetsmith.adapters.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Plain JDBC for the few statements every MCP message runs (its session, its key). Profiled under
 * 50 clients, Jdbi's per-statement machinery (a handle, a copied config registry, the statement
 * context, template rendering and ANTLR parsing behind Dropwizard's name-prepending engine, the SQL
 * logger) took more CPU than H2 took to run the statements; a pooled connection and a prepared
 * statement do the same work for a fraction. Everything else stays on Jdbi.
 *
 * <p>Bound and read like {@link Timestamps}: instants as OffsetDateTime in UTC.
 */
final class DirectSql {

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Where connections come from: the pool itself, or (without one) a Jdbi handle's connection. */
    @FunctionalInterface
    private interface Source {
        <T> T with(Work<T> work) throws SQLException;
    }

    private final Source source;

    private DirectSql(Source source) {
        this.source = source;
    }

    /** Connections straight from the pool that {@code jdbi} uses too. */
    static DirectSql of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new DirectSql(new Source() {
            @Override
            public <T> T with(Work<T> work) throws SQLException {
                try (Connection c = dataSource.getConnection()) {
                    return work.run(c);
                }
            }
        });
    }

    /** Connections borrowed through Jdbi handles, for callers that have no data source (tests, tools). */
    static DirectSql of(Jdbi jdbi) {
        Objects.requireNonNull(jdbi, "jdbi");
        return new DirectSql(new Source() {
            @Override
            public <T> T with(Work<T> work) throws SQLException {
                try (var handle = jdbi.open()) {
                    return work.run(handle.getConnection());
                }
            }
        });
    }

    /** Runs {@code work} with the connection in auto-commit mode (one statement, one transaction). */
    <T> T run(Work<T> work) {
        try {
            return source.with(work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        return run(c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        });
    }

    /** A statement's failure, unchecked like Jdbi's, with the SQL state and the cause kept. */
    static RuntimeException failed(SQLException e) {
        return new IllegalStateException("database statement failed (SQL state " + e.getSQLState() + ")", e);
    }

    static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /**
     * By position, for the per-message reads: H2 builds a map of the result's column labels on the
     * first read by label, which was a tenth of what a session lookup allocated.
     */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
