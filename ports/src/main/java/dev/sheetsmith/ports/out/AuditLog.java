package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.AuditEvent;
import java.util.List;

public interface AuditLog {

    void record(AuditEvent event);

    /** Newest first, ids below {@code beforeId} (null: from the newest); owner and action null for any. */
    List<AuditEvent> page(String owner, String action, Long beforeId, int limit);
}
