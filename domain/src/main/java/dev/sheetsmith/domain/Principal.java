package dev.sheetsmith.domain;

import java.util.Objects;

/** An authenticated caller: the owner it acts for, its role, and the key it used (null without keys). */
public record Principal(Owner owner, Role role, String keyId) {

    /** The caller of a server that has no API keys: loopback only, one local owner. */
    public static final Principal LOCAL = new Principal(Owner.LOCAL, Role.ADMIN, null);

    public Principal {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(role, "role");
    }
}
