package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The one place that configures Jdbi for the stores: SQL Objects, and instants bound and read as
 * UTC timestamps. The server, the keys command and the tests all pass their Jdbi through here
 * before building stores on it.
 */
public final class StorageJdbi {

    private StorageJdbi() {
    }

    /** Configures {@code jdbi} for the stores and returns it. */
    public static Jdbi configure(Jdbi jdbi) {
        return jdbi.installPlugin(new SqlObjectPlugin())
                .registerArgument(new Timestamps.InstantArgument())
                .registerColumnMapper(Instant.class, Timestamps.column());
    }
}
