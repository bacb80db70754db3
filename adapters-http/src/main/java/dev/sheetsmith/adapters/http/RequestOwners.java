package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says who is calling, or why the caller is not allowed in. The server wires the policy. It reads
 * only request headers, so a servlet (MCP) and a Jersey filter (the REST routes) ask it the same way.
 */
@FunctionalInterface
public interface RequestOwners {

    /** Request headers by name (case-insensitive), null when absent. */
    @FunctionalInterface
    interface Headers {
        String get(String name);
    }

    Caller identify(Headers headers);

    default Caller identify(HttpServletRequest request) {
        return identify(request::getHeader);
    }

    /** The owner the caller acts for; empty when refused ({@link #identify} says why). */
    default Optional<Owner> ownerOf(HttpServletRequest request) {
        return identify(request).asOptional().map(Principal::owner);
    }
}
