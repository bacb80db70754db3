package dev.sheetsmith.adapters.http.auth;

import dev.sheetsmith.adapters.http.RequestOwners;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authorizer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;

/**
 * Dropwizard's auth filter for Sheetsmith's bearer keys. Unlike the OAuth filter it does not parse
 * the header itself: the whole policy (keyless mode, gateway users, JWTs) lives in
 * {@link BearerKeyOwners}, shared with the MCP servlet, and every refusal keeps its own sentence.
 */
@Priority(Priorities.AUTHENTICATION)
public final class KeyAuthFilter extends AuthFilter<RequestOwners.Headers, KeyHolder> {

    public KeyAuthFilter(RequestOwners owners) {
        this.authenticator = new KeyAuthenticator(owners);
        this.authorizer = new RoleAuthorizer();
        this.prefix = "Bearer";
        this.realm = "sheetsmith";
        this.unauthorizedHandler = new io.dropwizard.auth.DefaultUnauthorizedHandler();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authenticate(request, request::getHeaderString, "Bearer")) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /** {@code @RolesAllowed("admin")} holds for admin keys and the local admin of a keyless server. */
    static final class RoleAuthorizer implements Authorizer<KeyHolder> {

        @Override
        public boolean authorize(KeyHolder caller, String role, ContainerRequestContext request) {
            return Objects.requireNonNull(caller, "caller").principal().role().id().equals(role);
        }
    }
}
