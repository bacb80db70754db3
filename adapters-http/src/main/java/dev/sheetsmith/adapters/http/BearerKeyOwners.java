package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <key>}. While no key exists the server is loopback-only and every
 * caller is the local owner; once any key exists, a request without a valid key is refused.
 */
public final class BearerKeyOwners implements RequestOwners {

    private final ApiKeysUseCase keys;

    public BearerKeyOwners(ApiKeysUseCase keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<Owner> ownerOf(HttpServletRequest request) {
        return principalOf(request).map(Principal::owner);
    }

    public Optional<Principal> principalOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return keys.authenticate(header.substring(7).strip());
        }
        if (header != null && !header.isBlank()) {
            return Optional.empty();
        }
        return keys.anyActive() ? Optional.empty() : Optional.of(Principal.LOCAL);
    }

}
