package dev.sheetsmith.adapters.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Authorization: Bearer <key>}. While no key exists the server is loopback-only and every
 * caller is the local owner; once any key exists, a request without a valid key is refused.
 *
 * <p>A gateway key (Open-WebUI) may narrow its owner to the end user it forwards: with a JWT secret
 * configured, only a valid HS256 {@code X-OpenWebUI-User-Jwt} (signature and expiry checked) names
 * the user and plain user headers are ignored; without one, the configured user-id header does. A
 * key that is not a gateway never chooses its user, whatever headers it sends.
 */
public final class BearerKeyOwners implements RequestOwners {

    public static final String JWT_HEADER = "X-OpenWebUI-User-Jwt";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9@._:+-]{1,100}");

    private final ApiKeysUseCase keys;
    private final String userHeader;
    private final byte[] jwtSecret;
    private final Clock clock;

    public BearerKeyOwners(ApiKeysUseCase keys, String userHeader, String jwtSecret, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.userHeader = Objects.requireNonNull(userHeader, "userHeader");
        this.jwtSecret = jwtSecret == null || jwtSecret.isBlank() ? null : jwtSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.jwtSecret != null && this.jwtSecret.length < 32) {
            throw new IllegalArgumentException("the forwarded-user JWT secret needs at least 32 bytes for HS256");
        }
    }

    @Override
    public Optional<Owner> ownerOf(HttpServletRequest request) {
        return principalOf(request).map(Principal::owner);
    }

    public Optional<Principal> principalOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        Optional<Principal> caller;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = keys.authenticate(header.substring(7).strip());
        } else if (header != null && !header.isBlank()) {
            caller = Optional.empty();
        } else {
            caller = keys.anyActive() ? Optional.empty() : Optional.of(Principal.LOCAL);
        }
        if (caller.isEmpty() || !caller.get().gateway()) {
            return caller;
        }
        return endUser(caller.get(), request);
    }

    /** The gateway narrowed to its end user; empty (401) when the user's proof is bad. */
    private Optional<Principal> endUser(Principal gateway, HttpServletRequest request) {
        if (jwtSecret != null) {
            String token = request.getHeader(JWT_HEADER);
            if (token == null || token.isBlank()) {
                return Optional.of(gateway);
            }
            return verifiedUser(token.strip()).map(gateway::forEndUser);
        }
        String user = request.getHeader(userHeader);
        if (user == null || user.isBlank()) {
            return Optional.of(gateway);
        }
        return USER_ID.matcher(user.strip()).matches() ? Optional.of(gateway.forEndUser(user.strip())) : Optional.empty();
    }

    private Optional<String> verifiedUser(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(jwtSecret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || expires.toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            Object id = claims.getClaim("id") != null ? claims.getClaim("id") : claims.getSubject();
            return id instanceof String s && USER_ID.matcher(s).matches() ? Optional.of(s) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
