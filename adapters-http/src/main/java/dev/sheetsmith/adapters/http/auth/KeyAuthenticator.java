package dev.sheetsmith.adapters.http.auth;

import dev.sheetsmith.adapters.http.Caller;
import dev.sheetsmith.adapters.http.RequestOwners;
import io.dropwizard.auth.Authenticator;
import java.util.Objects;
import java.util.Optional;

/**
 * Dropwizard's authenticator over the key policy ({@link BearerKeyOwners}): the credentials are the
 * request's headers (key, gateway user header, user JWT). A refusal is thrown rather than answered
 * with an empty Optional, so that the caller learns which of the policy's reasons applies.
 */
public final class KeyAuthenticator implements Authenticator<RequestOwners.Headers, KeyHolder> {

    private final RequestOwners owners;

    public KeyAuthenticator(RequestOwners owners) {
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    @Override
    public Optional<KeyHolder> authenticate(RequestOwners.Headers headers) {
        Caller caller = owners.identify(headers);
        if (!caller.isAllowed()) {
            throw new CallerRefusedException(caller);
        }
        return Optional.of(new KeyHolder(caller.principal()));
    }
}
