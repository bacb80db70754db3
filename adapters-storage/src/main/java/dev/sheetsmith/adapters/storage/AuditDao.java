package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Pages of the audit_log table (rows are inserted by {@link JdbiAuditLog}). */
@RegisterConstructorMapper(AuditDao.AuditRow.class)
public interface AuditDao {

    /** One row of audit_log (id is generated on insert). */
    record AuditRow(long id, Instant at, String ownerId, String actor, String action, String fileId, String detail) {
    }

    @SqlQuery("SELECT * FROM audit_log WHERE (:owner IS NULL OR owner_id = :owner)"
            + " AND (:action IS NULL OR action = :action) AND (:before IS NULL OR id < :before)"
            + " ORDER BY id DESC LIMIT :limit")
    List<AuditRow> page(@Bind("owner") String owner, @Bind("action") String action, @Bind("before") Long beforeId,
            @Bind("limit") int limit);
}
