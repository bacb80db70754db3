package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.ports.out.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Sessions as rows. Every MCP message reads its session, and opens and ends one: those statements
 * run as plain JDBC ({@link DirectSql}; through Jdbi they cost more CPU than H2 spent running them),
 * and the writes share commits ({@link GroupCommit}). The rarer admin queries stay on {@link SessionDao}.
 */
public final class JdbiSessionStore implements SessionStore {

    private static final String COLUMNS = "id, owner_id, protocol_version, client_name, log_level, created_at,"
            + " last_seen_at";
    private static final String INSERT = "INSERT INTO mcp_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM mcp_sessions WHERE id = ?";
    /** The owner's sessions beyond the {@code keep} most recently seen (ties: the newer stays). */
    private static final String DELETE_LEAST_RECENTLY_SEEN = "DELETE FROM mcp_sessions WHERE id IN (SELECT id FROM"
            + " mcp_sessions WHERE owner_id = ? ORDER BY last_seen_at DESC, created_at DESC, id DESC"
            + " OFFSET ? ROWS)";

    private final SessionDao dao;
    private final DirectSql sql;
    private final GroupCommit writes;

    /**
     * @param jdbi configured by {@link StorageJdbi#configure}, for the admin queries
     * @param dataSource the pool {@code jdbi} draws from, for the per-message statements
     */
    public JdbiSessionStore(Jdbi jdbi, DataSource dataSource) {
        this(jdbi, DirectSql.of(dataSource));
    }

    /** Without the pool at hand: the per-message statements borrow Jdbi handles' connections. */
    public JdbiSessionStore(Jdbi jdbi) {
        this(jdbi, DirectSql.of(jdbi));
    }

    private JdbiSessionStore(Jdbi jdbi, DirectSql sql) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(SessionDao.class);
        this.sql = sql;
        this.writes = new GroupCommit(sql);
    }

    @Override
    public void insert(McpSession s) {
        writes.write(c -> insert(c, s));
    }

    @Override
    public int insertKeepingNewest(McpSession s, int maxPerOwner) {
        if (maxPerOwner < 1) {
            throw new IllegalArgumentException("maxPerOwner must be at least 1, was " + maxPerOwner);
        }
        return writes.write(c -> {
            insert(c, s);
            try (PreparedStatement ps = c.prepareStatement(DELETE_LEAST_RECENTLY_SEEN)) {
                ps.setString(1, s.owner().id());
                ps.setInt(2, maxPerOwner);
                return ps.executeUpdate();
            }
        });
    }

    private static int insert(Connection c, McpSession s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, s.id());
            ps.setString(2, s.owner().id());
            DirectSql.setString(ps, 3, s.protocolVersion());
            DirectSql.setString(ps, 4, s.clientName());
            DirectSql.setString(ps, 5, s.logLevel());
            DirectSql.setInstant(ps, 6, s.created());
            DirectSql.setInstant(ps, 7, s.lastSeen());
            return ps.executeUpdate();
        }
    }

    @Override
    public Optional<McpSession> find(String id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    // by position, in the order of COLUMNS
                    return rs.next() ? Optional.of(new McpSession(rs.getString(1), new Owner(rs.getString(2)),
                            rs.getString(3), rs.getString(4), rs.getString(5), DirectSql.instant(rs, 6),
                            DirectSql.instant(rs, 7))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void touch(String id, Instant seen) {
        writes.write(c -> update(c, "UPDATE mcp_sessions SET last_seen_at = ? WHERE id = ?", ps -> {
            DirectSql.setInstant(ps, 1, seen);
            ps.setString(2, id);
        }));
    }

    @Override
    public void setLogLevel(String id, String level) {
        writes.write(c -> update(c, "UPDATE mcp_sessions SET log_level = ? WHERE id = ?", ps -> {
            DirectSql.setString(ps, 1, level);
            ps.setString(2, id);
        }));
    }

    @Override
    public boolean delete(String id) {
        return writes.write(c -> update(c, "DELETE FROM mcp_sessions WHERE id = ?", ps -> ps.setString(1, id))) > 0;
    }

    @Override
    public boolean deleteOwned(String id, Owner owner, Instant seenSince) {
        return writes.write(c -> update(c, "DELETE FROM mcp_sessions WHERE id = ? AND owner_id = ? AND last_seen_at >= ?",
                ps -> {
                    ps.setString(1, id);
                    ps.setString(2, owner.id());
                    DirectSql.setInstant(ps, 3, seenSince);
                })) > 0;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static int update(Connection c, String statement, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
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

    private static McpSession session(SessionDao.SessionRow r) {
        return new McpSession(r.id(), new Owner(r.ownerId()), r.protocolVersion(), r.clientName(), r.logLevel(),
                r.createdAt(), r.lastSeenAt());
    }
}
