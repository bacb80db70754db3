package dev.sheetsmith.domain;

import java.util.Objects;

/** An authenticated caller: the owner it acts for, its role, and the key it used (null without keys). */
public record Principal(Owner owner, Role role, String keyId, boolean gateway) {

    /** The caller of a server that has no API keys: loopback only, one local owner. */
    public static final Principal LOCAL = new Principal(Owner.LOCAL, Role.ADMIN, null, false);

    public Principal {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(role, "role");
    }

    /** The same caller acting for one end user: {@code openwebui/user-42}. Only a gateway may do this. */
    public Principal forEndUser(String userId) {
        if (!gateway) {
            throw new IllegalStateException("only a gateway key may act for an end user");
        }
        return new Principal(new Owner(owner.id() + "/" + userId), role == Role.ADMIN ? Role.USER : role, keyId, false);
    }
}
