package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.ports.out.AuditLog;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** @param jdbi configured by {@link StorageJdbi#configure} */
public final class JdbiAuditLog implements AuditLog {

    private final AuditDao dao;

    public JdbiAuditLog(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(AuditDao.class);
    }

    @Override
    public void record(AuditEvent e) {
        dao.insert(new AuditDao.AuditRow(0, e.at(), e.owner(), e.actor(), e.action(), e.fileId(), e.detail()));
    }

    @Override
    public List<AuditEvent> page(String owner, String action, Long beforeId, int limit) {
        return dao.page(owner, action, beforeId, limit).stream().map(r -> new AuditEvent(r.id(), r.at(), r.ownerId(),
                r.actor(), r.action(), r.fileId(), r.detail())).toList();
    }
}
