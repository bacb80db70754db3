package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import java.util.Optional;

/** MCP sessions kept in the database, so any replica and any restart can carry them on. */
public interface McpSessionsUseCase {

    McpSession open(Owner owner, String protocolVersion, String clientName);

    /** The live session with this id, touched as seen now; empty when unknown, ended or idle too long. */
    Optional<McpSession> resume(String sessionId);

    boolean end(String sessionId);

    /**
     * Ends the live session with this id if {@code owner} owns it; false (nothing changed) when it is unknown,
     * another owner's, or idle too long, exactly the sessions {@link #resume} would not give this owner.
     */
    default boolean end(String sessionId, Owner owner) {
        return resume(sessionId).filter(s -> s.owner().equals(owner)).map(s -> end(s.id())).orElse(false);
    }

    void setLogLevel(String sessionId, String level);

    /** Removes sessions idle longer than the timeout; returns how many. */
    int sweep();
}
