package dev.sheetsmith.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key's public part: its id, who it belongs to and what it may do. The secret is never kept.
 * A gateway key (a chat front end such as Open-WebUI) may narrow its owner to the end user it names.
 */
public record ApiKey(String id, Owner owner, Role role, boolean gateway, Instant created, Instant lastUsed,
        Instant revoked) {

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
