package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.Page;

/** The audit log: every change to files, keys and every admin action; queryable by admins. */
public interface AuditUseCase {

    void record(String owner, String actor, String action, String fileId, String detail);

    Page<AuditEvent> events(String owner, String action, String cursor, int limit);
}
