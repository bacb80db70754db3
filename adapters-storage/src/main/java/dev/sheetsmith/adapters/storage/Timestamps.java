package dev.sheetsmith.adapters.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Instants go to TIMESTAMP WITH TIME ZONE columns as OffsetDateTime in UTC and come back the same
 * way. Jdbi's default (java.sql.Timestamp) passes through the JVM's time zone, which cannot tell
 * apart the two occurrences of the hour a clock repeats when daylight saving ends.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** Registers the UTC binding on {@code jdbi}; harmless when done more than once. */
    static Jdbi install(Jdbi jdbi) {
        return jdbi.registerArgument(new InstantArgument());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {

        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position,
                    OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
