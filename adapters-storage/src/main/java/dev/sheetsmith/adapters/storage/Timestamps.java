package dev.sheetsmith.adapters.storage;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * Instants go to TIMESTAMP WITH TIME ZONE columns as OffsetDateTime in UTC and come back the same
 * way. Jdbi's default (java.sql.Timestamp) passes through the JVM's time zone, which cannot tell
 * apart the two occurrences of the hour a clock repeats when daylight saving ends.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** Binds an Instant as an OffsetDateTime in UTC. */
    static final class InstantArgument extends AbstractArgumentFactory<Instant> {

        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position,
                    OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** Reads an Instant column through OffsetDateTime. */
    static ColumnMapper<Instant> column() {
        return (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        };
    }
}
