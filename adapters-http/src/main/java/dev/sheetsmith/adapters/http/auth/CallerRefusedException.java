package dev.sheetsmith.adapters.http.auth;

import dev.sheetsmith.adapters.http.Caller;
import java.util.Objects;

/**
 * A request refused by the key policy: no key, a wrong one, a gateway naming no user, a bad user
 * token. Carries the status (401 or 403) and the sentence; {@code ApiExceptionMappers} answers it.
 */
public final class CallerRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public CallerRefusedException(Caller refused) {
        super(Objects.requireNonNull(refused, "refused").refusal(), null, false, false);
        if (refused.isAllowed()) {
            throw new IllegalArgumentException("the caller was allowed");
        }
        this.status = refused.status();
    }

    public int status() {
        return status;
    }
}
