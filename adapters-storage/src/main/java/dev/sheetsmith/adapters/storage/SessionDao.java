package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The mcp_sessions table's admin queries; the per-message statements are in {@link JdbiSessionStore}. */
@RegisterConstructorMapper(SessionDao.SessionRow.class)
@RegisterConstructorMapper(SessionDao.SessionUsageRow.class)
public interface SessionDao {

    /** One row of mcp_sessions. */
    record SessionRow(String id, String ownerId, String protocolVersion, String clientName, String logLevel,
            Instant createdAt, Instant lastSeenAt) {
    }

    /** Sessions per owner. */
    record SessionUsageRow(String ownerId, long sessions, Instant lastSeen) {
    }

    @SqlUpdate("DELETE FROM mcp_sessions WHERE last_seen_at < :cutoff")
    int deleteIdleSince(@Bind("cutoff") Instant cutoff);

    @SqlQuery("SELECT * FROM mcp_sessions WHERE (:owner IS NULL OR owner_id = :owner)"
            + " AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit")
    List<SessionRow> page(@Bind("owner") String owner, @Bind("after") String afterId, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM mcp_sessions WHERE owner_id = :owner")
    int deleteByOwner(@Bind("owner") String owner);

    @SqlQuery("SELECT owner_id, COUNT(*) AS sessions, MAX(last_seen_at) AS last_seen"
            + " FROM mcp_sessions GROUP BY owner_id ORDER BY owner_id")
    List<SessionUsageRow> usageByOwner();
}
