package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The mcp_sessions table. */
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

    @SqlUpdate("INSERT INTO mcp_sessions (id, owner_id, protocol_version, client_name, log_level, created_at,"
            + " last_seen_at) VALUES (:id, :ownerId, :protocolVersion, :clientName, :logLevel, :createdAt, :lastSeenAt)")
    void insert(@BindMethods SessionRow row);

    /** Ends the owner's sessions beyond the {@code keep} most recently seen (ties: the newer id stays). */
    @SqlUpdate("DELETE FROM mcp_sessions WHERE id IN (SELECT id FROM mcp_sessions WHERE owner_id = :owner"
            + " ORDER BY last_seen_at DESC, created_at DESC, id DESC OFFSET :keep ROWS)")
    int deleteLeastRecentlySeen(@Bind("owner") String owner, @Bind("keep") int keep);

    @SqlQuery("SELECT * FROM mcp_sessions WHERE id = :id")
    Optional<SessionRow> find(@Bind("id") String id);

    @SqlUpdate("UPDATE mcp_sessions SET last_seen_at = :seen WHERE id = :id")
    void touch(@Bind("id") String id, @Bind("seen") Instant seen);

    @SqlUpdate("UPDATE mcp_sessions SET log_level = :level WHERE id = :id")
    void setLogLevel(@Bind("id") String id, @Bind("level") String level);

    @SqlUpdate("DELETE FROM mcp_sessions WHERE id = :id")
    int delete(@Bind("id") String id);

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
