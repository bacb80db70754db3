package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.ports.out.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Sessions as rows. Every MCP message reads its session, and opens and ends one: those statements
 * use Jdbi's fluent API with a hand-written row mapper (a SQL Object call cost some 60 µs of CPU in
 * proxies and reflection, the fluent call about 11 µs), and the writes share commits
 * ({@link GroupCommit}). The rarer admin queries stay on {@link SessionDao}.
 *
 * @param jdbi configured by {@link StorageJdbi#configure}
 */
public final class JdbiSessionStore implements SessionStore {

    private static final String COLUMNS = "id, owner_id, protocol_version, client_name, log_level, created_at,"
            + " last_seen_at";
    private static final String INSERT = "INSERT INTO mcp_sessions (" + COLUMNS + ") VALUES (:id, :ownerId,"
            + " :protocolVersion, :clientName, :logLevel, :createdAt, :lastSeenAt)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM mcp_sessions WHERE id = :id";
    /** The owner's sessions beyond the {@code keep} most recently seen (ties: the newer stays). */
    private static final String DELETE_LEAST_RECENTLY_SEEN = "DELETE FROM mcp_sessions WHERE id IN (SELECT id FROM"
            + " mcp_sessions WHERE owner_id = :owner ORDER BY last_seen_at DESC, created_at DESC, id DESC"
            + " OFFSET :keep ROWS)";
    private static final RowMapper<McpSession> SESSION = (rs, ctx) -> new McpSession(rs.getString("id"),
            new Owner(rs.getString("owner_id")), rs.getString("protocol_version"), rs.getString("client_name"),
            rs.getString("log_level"), instant(rs, "created_at"), instant(rs, "last_seen_at"));

    private final Jdbi jdbi;
    private final SessionDao dao;
    private final GroupCommit writes;

    public JdbiSessionStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dao = jdbi.onDemand(SessionDao.class);
        this.writes = new GroupCommit(jdbi);
    }

    @Override
    public void insert(McpSession s) {
        writes.write(h -> insert(h, s));
    }

    @Override
    public int insertKeepingNewest(McpSession s, int maxPerOwner) {
        if (maxPerOwner < 1) {
            throw new IllegalArgumentException("maxPerOwner must be at least 1, was " + maxPerOwner);
        }
        return writes.write(h -> {
            insert(h, s);
            return h.createUpdate(DELETE_LEAST_RECENTLY_SEEN).bind("owner", s.owner().id()).bind("keep", maxPerOwner)
                    .execute();
        });
    }

    private static int insert(Handle h, McpSession s) {
        return h.createUpdate(INSERT).bind("id", s.id()).bind("ownerId", s.owner().id())
                .bind("protocolVersion", s.protocolVersion()).bind("clientName", s.clientName())
                .bind("logLevel", s.logLevel()).bind("createdAt", s.created()).bind("lastSeenAt", s.lastSeen())
                .execute();
    }

    @Override
    public Optional<McpSession> find(String id) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("id", id).map(SESSION).findOne());
    }

    @Override
    public void touch(String id, Instant seen) {
        writes.write(h -> h.createUpdate("UPDATE mcp_sessions SET last_seen_at = :seen WHERE id = :id")
                .bind("seen", seen).bind("id", id).execute());
    }

    @Override
    public void setLogLevel(String id, String level) {
        writes.write(h -> h.createUpdate("UPDATE mcp_sessions SET log_level = :level WHERE id = :id")
                .bind("level", level).bind("id", id).execute());
    }

    @Override
    public boolean delete(String id) {
        return writes.write(h -> h.createUpdate("DELETE FROM mcp_sessions WHERE id = :id").bind("id", id)
                .execute()) > 0;
    }

    @Override
    public int deleteIdleSince(Instant cutoff) {
        return dao.deleteIdleSince(cutoff);
    }

    @Override
    public List<McpSession> page(Owner owner, String afterId, int limit) {
        return dao.page(owner == null ? null : owner.id(), afterId, limit).stream().map(JdbiSessionStore::session)
                .toList();
    }

    @Override
    public int deleteByOwner(Owner owner) {
        return dao.deleteByOwner(owner.id());
    }

    @Override
    public List<OwnerUsage> usageByOwner() {
        return dao.usageByOwner().stream()
                .map(u -> new OwnerUsage(new Owner(u.ownerId()), 0, 0, u.sessions(), u.lastSeen())).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static McpSession session(SessionDao.SessionRow r) {
        return new McpSession(r.id(), new Owner(r.ownerId()), r.protocolVersion(), r.clientName(), r.logLevel(),
                r.createdAt(), r.lastSeenAt());
    }
}
