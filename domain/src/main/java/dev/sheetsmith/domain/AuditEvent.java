package dev.sheetsmith.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded action: who (the owner acted for, and the key or "admin" that acted), what (an action
 * such as a tool name or "key.create"), on which file, and a short detail. Never cell data or secrets.
 */
public record AuditEvent(long id, Instant at, String owner, String actor, String action, String fileId,
        String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }
}
