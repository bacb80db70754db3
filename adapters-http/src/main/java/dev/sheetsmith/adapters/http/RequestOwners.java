package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Says who is calling, or why the caller is not allowed in. The server wires the policy. */
@FunctionalInterface
public interface RequestOwners {

    Caller identify(HttpServletRequest request);

    /** The owner the caller acts for; empty when refused ({@link #identify} says why). */
    default Optional<Owner> ownerOf(HttpServletRequest request) {
        return identify(request).asOptional().map(Principal::owner);
    }
}
