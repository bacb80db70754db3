package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Owner;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Says who is calling; empty means the caller is not allowed in. The server wires the policy. */
@FunctionalInterface
public interface RequestOwners {

    Optional<Owner> ownerOf(HttpServletRequest request);
}
