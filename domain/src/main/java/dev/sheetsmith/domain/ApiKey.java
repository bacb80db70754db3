package dev.sheetsmith.domain;

import java.time.Instant;
import java.util.Objects;

/** An API key's public part: its id, who it belongs to and what it may do. The secret is never kept. */
public record ApiKey(String id, Owner owner, Role role, Instant created, Instant lastUsed, Instant revoked) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
    }

    public boolean active() {
        return revoked == null;
    }
}
