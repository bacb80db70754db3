package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface SessionStore {

    void insert(McpSession session);

    /**
     * Inserts {@code session} and, in the same transaction, ends its owner's least recently seen
     * sessions beyond {@code maxPerOwner}; returns how many were ended.
     */
    int insertKeepingNewest(McpSession session, int maxPerOwner);

    Optional<McpSession> find(String id);

    void touch(String id, Instant seen);

    void setLogLevel(String id, String level);

    boolean delete(String id);

    /** Deletes the session if {@code owner} owns it and it was last seen at or after {@code seenSince}. */
    default boolean deleteOwned(String id, Owner owner, Instant seenSince) {
        return find(id).filter(s -> s.owner().equals(owner) && !s.lastSeen().isBefore(seenSince)).isPresent()
                && delete(id);
    }

    /** Deletes sessions last seen before the cutoff; returns how many. Safe to run on several replicas at once. */
    int deleteIdleSince(Instant cutoff);

    /** Sessions in id order after {@code afterId} (null: from the start), of one owner or all (null). */
    List<McpSession> page(Owner owner, String afterId, int limit);

    int deleteByOwner(Owner owner);

    /** Open sessions and the last time one was used, per owner (files and bytes are 0). */
    List<OwnerUsage> usageByOwner();
}
