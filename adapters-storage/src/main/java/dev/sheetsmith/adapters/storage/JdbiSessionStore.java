package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.ports.out.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** @param jdbi configured by {@link StorageJdbi#configure} */
public final class JdbiSessionStore implements SessionStore {

    private final SessionDao dao;
    /** Every MCP message opens and ends a session: those writes share commits under load. */
    private final GroupCommit writes;

    public JdbiSessionStore(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(SessionDao.class);
        this.writes = new GroupCommit(jdbi);
    }

    @Override
    public void insert(McpSession s) {
        writes.write(h -> {
            h.attach(SessionDao.class).insert(row(s));
            return null;
        });
    }

    @Override
    public int insertKeepingNewest(McpSession s, int maxPerOwner) {
        if (maxPerOwner < 1) {
            throw new IllegalArgumentException("maxPerOwner must be at least 1, was " + maxPerOwner);
        }
        return writes.write(h -> {
            SessionDao sessions = h.attach(SessionDao.class);
            sessions.insert(row(s));
            return sessions.deleteLeastRecentlySeen(s.owner().id(), maxPerOwner);
        });
    }

    private static SessionDao.SessionRow row(McpSession s) {
        return new SessionDao.SessionRow(s.id(), s.owner().id(), s.protocolVersion(), s.clientName(), s.logLevel(),
                s.created(), s.lastSeen());
    }

    @Override
    public Optional<McpSession> find(String id) {
        return dao.find(id).map(JdbiSessionStore::session);
    }

    @Override
    public void touch(String id, Instant seen) {
        writes.write(h -> {
            h.attach(SessionDao.class).touch(id, seen);
            return null;
        });
    }

    @Override
    public void setLogLevel(String id, String level) {
        writes.write(h -> {
            h.attach(SessionDao.class).setLogLevel(id, level);
            return null;
        });
    }

    @Override
    public boolean delete(String id) {
        return writes.write(h -> h.attach(SessionDao.class).delete(id)) > 0;
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
