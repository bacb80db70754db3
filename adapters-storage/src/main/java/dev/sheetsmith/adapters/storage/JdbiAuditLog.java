package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.ports.out.AuditLog;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log as rows. Every call that changes a file records one, so the insert runs as plain JDBC
 * ({@link DirectSql}; through Jdbi's SQL object it cost more CPU than H2 took to run it) and shares commits with
 * others recorded at the same time ({@link GroupCommit}). Reading pages stays on {@link AuditDao}.
 */
public final class JdbiAuditLog implements AuditLog {

    private static final String INSERT = "INSERT INTO audit_log (at, owner_id, actor, action, file_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private final AuditDao dao;
    private final GroupCommit inserts;

    /** @param jdbi configured by {@link StorageJdbi#configure}; the inserts borrow its handles' connections */
    public JdbiAuditLog(Jdbi jdbi) {
        this(jdbi, DirectSql.of(jdbi));
    }

    /**
     * @param jdbi configured by {@link StorageJdbi#configure}
     * @param dataSource the pool {@code jdbi} draws from, for the inserts
     */
    public JdbiAuditLog(Jdbi jdbi, javax.sql.DataSource dataSource) {
        this(jdbi, DirectSql.of(dataSource));
    }

    private JdbiAuditLog(Jdbi jdbi, DirectSql sql) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(AuditDao.class);
        this.inserts = new GroupCommit(sql);
    }

    @Override
    public void record(AuditEvent e) {
        inserts.write(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(INSERT)) {
                DirectSql.setInstant(ps, 1, e.at());
                DirectSql.setString(ps, 2, e.owner());
                DirectSql.setString(ps, 3, e.actor());
                ps.setString(4, e.action());
                DirectSql.setString(ps, 5, e.fileId());
                DirectSql.setString(ps, 6, e.detail());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEvent> page(String owner, String action, Long beforeId, int limit) {
        return dao.page(owner, action, beforeId, limit).stream().map(r -> new AuditEvent(r.id(), r.at(), r.ownerId(),
                r.actor(), r.action(), r.fileId(), r.detail())).toList();
    }
}
