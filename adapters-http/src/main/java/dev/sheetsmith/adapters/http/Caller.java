package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "who is calling?": the principal, or the HTTP status and the sentence that refuse
 * the call. The sentence says what is wrong (no key, a wrong key, a gateway that names no user, an
 * expired user token) and never repeats a secret the caller sent.
 */
public record Caller(Principal principal, int status, String refusal) {

    public Caller {
        if ((principal == null) == (refusal == null)) {
            throw new IllegalArgumentException("a caller is either allowed (a principal) or refused (a reason)");
        }
    }

    public static Caller allowed(Principal principal) {
        return new Caller(Objects.requireNonNull(principal, "principal"), 200, null);
    }

    public static Caller refused(int status, String refusal) {
        return new Caller(null, status, Objects.requireNonNull(refusal, "refusal"));
    }

    public boolean isAllowed() {
        return principal != null;
    }

    public Optional<Principal> asOptional() {
        return Optional.ofNullable(principal);
    }
}
