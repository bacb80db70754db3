package dev.sheetsmith.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An MCP session as the database keeps it, so it outlives a restart and works on any replica. */
public record McpSession(String id, Owner owner, String protocolVersion, String clientName, String logLevel,
        Instant created, Instant lastSeen) {

    public McpSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public boolean idleLongerThan(Duration timeout, Instant now) {
        return lastSeen.plus(timeout).isBefore(now);
    }
}
