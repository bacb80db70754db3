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

    public JdbiSessionStore(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(SessionDao.class);
    }

    @Override
    public void insert(McpSession s) {
        dao.insert(new SessionDao.SessionRow(s.id(), s.owner().id(), s.protocolVersion(), s.clientName(), s.logLevel(),
                s.created(), s.lastSeen()));
    }

    @Override
    public Optional<McpSession> find(String id) {
        return dao.find(id).map(JdbiSessionStore::session);
    }

    @Override
    public void touch(String id, Instant seen) {
        dao.touch(id, seen);
    }

    @Override
    public void setLogLevel(String id, String level) {
        dao.setLogLevel(id, level);
    }

    @Override
    public boolean delete(String id) {
        return dao.delete(id) > 0;
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
