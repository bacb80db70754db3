package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.ports.out.AuditLog;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

public final class JdbiAuditLog implements AuditLog {

    private final Jdbi jdbi;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = Timestamps.install(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void record(AuditEvent e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, owner_id, actor, action, file_id, detail)"
                + " VALUES (:at, :owner, :actor, :action, :file, :detail)").bind("at", e.at()).bind("owner", e.owner())
                .bind("actor", e.actor()).bind("action", e.action()).bind("file", e.fileId())
                .bind("detail", e.detail()).execute());
    }

    @Override
    public List<AuditEvent> page(String owner, String action, Long beforeId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log WHERE (:owner IS NULL OR owner_id = :owner)"
                + " AND (:action IS NULL OR action = :action) AND (:before IS NULL OR id < :before)"
                + " ORDER BY id DESC LIMIT :limit").bind("owner", owner).bind("action", action)
                .bind("before", beforeId).bind("limit", limit)
                .map((rs, ctx) -> new AuditEvent(rs.getLong("id"), Timestamps.instant(rs, "at"),
                        rs.getString("owner_id"), rs.getString("actor"), rs.getString("action"), rs.getString("file_id"),
                        rs.getString("detail"))).list());
    }
}
