package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.ports.out.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbiSessionStore implements SessionStore {

    private final Jdbi jdbi;

    public JdbiSessionStore(Jdbi jdbi) {
        this.jdbi = Timestamps.install(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void insert(McpSession s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO mcp_sessions (id, owner_id, protocol_version, client_name,"
                + " log_level, created_at, last_seen_at) VALUES (:id, :owner, :pv, :client, :level, :created, :seen)")
                .bind("id", s.id()).bind("owner", s.owner().id()).bind("pv", s.protocolVersion())
                .bind("client", s.clientName()).bind("level", s.logLevel()).bind("created", s.created())
                .bind("seen", s.lastSeen()).execute());
    }

    @Override
    public Optional<McpSession> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mcp_sessions WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public void touch(String id, Instant seen) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mcp_sessions SET last_seen_at = :seen WHERE id = :id")
                .bind("seen", seen).bind("id", id).execute());
    }

    @Override
    public void setLogLevel(String id, String level) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mcp_sessions SET log_level = :level WHERE id = :id")
                .bind("level", level).bind("id", id).execute());
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mcp_sessions WHERE id = :id").bind("id", id)
                .execute()) > 0;
    }

    @Override
    public int deleteIdleSince(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mcp_sessions WHERE last_seen_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    @Override
    public List<McpSession> page(Owner owner, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mcp_sessions WHERE (:owner IS NULL OR owner_id = :owner)"
                + " AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit")
                .bind("owner", owner == null ? null : owner.id()).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public int deleteByOwner(Owner owner) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mcp_sessions WHERE owner_id = :owner")
                .bind("owner", owner.id()).execute());
    }

    @Override
    public List<OwnerUsage> usageByOwner() {
        return jdbi.withHandle(h -> h.createQuery("SELECT owner_id, COUNT(*) AS n, MAX(last_seen_at) AS seen"
                + " FROM mcp_sessions GROUP BY owner_id ORDER BY owner_id")
                .map((rs, ctx) -> new OwnerUsage(new Owner(rs.getString("owner_id")), 0, 0, rs.getLong("n"),
                        Timestamps.instant(rs, "seen"))).list());
    }

    private static McpSession map(ResultSet rs) throws SQLException {
        return new McpSession(rs.getString("id"), new Owner(rs.getString("owner_id")), rs.getString("protocol_version"),
                rs.getString("client_name"), rs.getString("log_level"), Timestamps.instant(rs, "created_at"),
                Timestamps.instant(rs, "last_seen_at"));
    }
}
