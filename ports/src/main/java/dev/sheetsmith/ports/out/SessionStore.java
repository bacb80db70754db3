package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.McpSession;
import java.time.Instant;
import java.util.Optional;

public interface SessionStore {

    void insert(McpSession session);

    Optional<McpSession> find(String id);

    void touch(String id, Instant seen);

    void setLogLevel(String id, String level);

    boolean delete(String id);

    /** Deletes sessions last seen before the cutoff; returns how many. Safe to run on several replicas at once. */
    int deleteIdleSince(Instant cutoff);
}
