package dev.sheetsmith.adapters.http.auth;

import dev.sheetsmith.domain.Principal;
import java.util.Objects;

/**
 * The authenticated caller of a REST route, as Dropwizard's auth hands it to a resource
 * ({@code @Auth KeyHolder caller}): the domain's principal behind a {@link java.security.Principal}.
 */
public record KeyHolder(Principal principal) implements java.security.Principal {

    public KeyHolder {
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String getName() {
        return principal.owner().id();
    }

    /** Who did it, for the audit log: the key's id, or the local admin of a keyless server. */
    public String actor() {
        return principal.keyId() == null ? "local-admin" : "key " + principal.keyId();
    }
}
