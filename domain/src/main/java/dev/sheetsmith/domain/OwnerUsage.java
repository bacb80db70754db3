package dev.sheetsmith.domain;

import java.time.Instant;

/** What one owner uses: files, bytes (current revisions), open sessions, and when they were last active. */
public record OwnerUsage(Owner owner, long files, long bytes, long sessions, Instant lastActivity) {
}
