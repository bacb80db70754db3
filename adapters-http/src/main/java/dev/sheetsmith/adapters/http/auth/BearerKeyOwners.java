package dev.sheetsmith.adapters.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.sheetsmith.adapters.http.Caller;
import dev.sheetsmith.adapters.http.RequestOwners;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Authorization: Bearer <key>}. While no key exists the server is loopback-only and every
 * caller is the local owner; once any key exists, a request without a valid key is refused.
 *
 * <p>A gateway key (Open-WebUI) acts for the end user it forwards: with a JWT secret configured,
 * only a valid HS256 {@code X-OpenWebUI-User-Jwt} (signature and expiry checked) names the user and
 * plain user headers are ignored; without one, the configured user-id header does. A gateway call
 * that names no user is refused unless the operator chose {@link GatewayWithoutUser#SHARED}: Open-WebUI
 * forwards users only when its operator turns that on, and without it every user's files would be
 * mixed under one owner without a word. A key that is not a gateway never chooses its user,
 * whatever headers it sends. Every refusal says what is wrong without repeating what was sent.
 */
public final class BearerKeyOwners implements RequestOwners {

    public static final String JWT_HEADER = "X-OpenWebUI-User-Jwt";
    /** Open-WebUI's switch that makes it send X-OpenWebUI-User-Id and friends to tool servers. */
    public static final String OPEN_WEBUI_FORWARD_SETTING = "ENABLE_FORWARD_USER_INFO_HEADERS";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9@._:+-]{1,100}");
    /** Three (signed, or unsigned) or five (encrypted) base64url parts; the parser alone is lenient. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){2}"
            + "|[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}");
    private static final String USER_ID_RULE = "1 to 100 letters, digits and @ . _ : + -";

    /** What a gateway key's call that names no end user gets. */
    public enum GatewayWithoutUser {
        /** Refused with a message that names Open-WebUI's setting (the default). */
        REFUSE,
        /** Served as the gateway's own owner: every user of the gateway shares one set of files. */
        SHARED;

        public static GatewayWithoutUser of(String value) {
            for (GatewayWithoutUser v : values()) {
                if (v.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("identity.gatewayWithoutUser must be 'refuse' or 'shared', not '"
                    + value + "'");
        }
    }

    private final ApiKeysUseCase keys;
    private final String userHeader;
    private final byte[] jwtSecret;
    private final GatewayWithoutUser withoutUser;
    private final Clock clock;

    public BearerKeyOwners(ApiKeysUseCase keys, String userHeader, String jwtSecret, Clock clock) {
        this(keys, userHeader, jwtSecret, GatewayWithoutUser.REFUSE, clock);
    }

    public BearerKeyOwners(ApiKeysUseCase keys, String userHeader, String jwtSecret, GatewayWithoutUser withoutUser,
            Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.userHeader = Objects.requireNonNull(userHeader, "userHeader");
        this.jwtSecret = jwtSecret == null || jwtSecret.isBlank() ? null : jwtSecret.getBytes(StandardCharsets.UTF_8);
        this.withoutUser = Objects.requireNonNull(withoutUser, "withoutUser");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.jwtSecret != null && this.jwtSecret.length < 32) {
            throw new IllegalArgumentException("the forwarded-user JWT secret needs at least 32 bytes for HS256");
        }
    }

    @Override
    public Caller identify(Headers request) {
        String header = request.get("Authorization");
        Principal caller;
        if (header == null || header.isBlank()) {
            if (keys.anyActive()) {
                return unauthorized("this server needs 'Authorization: Bearer <API key>' and the request sent"
                        + " none.");
            }
            return Caller.allowed(Principal.LOCAL);
        } else if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Principal> known = keys.authenticate(header.substring(7).strip());
            if (known.isEmpty()) {
                return unauthorized("the key sent as 'Authorization: Bearer <API key>' is not a valid, unrevoked"
                        + " Sheetsmith API key (keys look like ssk_<id>_<secret>); check it, or ask the operator for"
                        + " a new one.");
            }
            caller = known.get();
        } else {
            return unauthorized("this server needs 'Authorization: Bearer <API key>'; the request's Authorization"
                    + " header uses another scheme.");
        }
        return caller.gateway() ? endUser(caller, request) : Caller.allowed(caller);
    }

    /** The gateway narrowed to its end user; refused when the user's proof is missing or bad. */
    private Caller endUser(Principal gateway, Headers request) {
        if (jwtSecret != null) {
            String token = request.get(JWT_HEADER);
            if (token == null || token.isBlank()) {
                return noUser(gateway, JWT_HEADER);
            }
            UserToken checked = verifiedUser(token.strip());
            return checked.userId() != null ? Caller.allowed(gateway.forEndUser(checked.userId()))
                    : unauthorized("the API key is valid, but the " + JWT_HEADER + " header is not: " + checked.problem());
        }
        String user = request.get(userHeader);
        if (user == null || user.isBlank()) {
            return noUser(gateway, userHeader);
        }
        if (!USER_ID.matcher(user.strip()).matches()) {
            return unauthorized("the API key is valid, but the " + userHeader + " header is not a user id Sheetsmith"
                    + " accepts (" + USER_ID_RULE + ").");
        }
        return Caller.allowed(gateway.forEndUser(user.strip()));
    }

    private Caller noUser(Principal gateway, String header) {
        if (withoutUser == GatewayWithoutUser.SHARED) {
            return Caller.allowed(gateway);
        }
        return Caller.refused(403, "Forbidden: this is a gateway key, which acts for the end users of an app such as"
                + " Open-WebUI, but the request names no end user (no " + header + " header), so every user's files"
                + " would be mixed under one owner. In Open-WebUI, set the environment variable "
                + OPEN_WEBUI_FORWARD_SETTING + "=true and restart it, so that it sends each user's id; or, to let"
                + " all users of this key share one set of files, set identity.gatewayWithoutUser: shared in"
                + " Sheetsmith's configuration.");
    }

    private static Caller unauthorized(String why) {
        return Caller.refused(401, "Unauthorized: " + why);
    }

    /** A user id, or the reason the token names none. */
    private record UserToken(String userId, String problem) {
    }

    private UserToken verifiedUser(String token) {
        JWT parsed;
        try {
            if (!COMPACT_JWT.matcher(token).matches()) {
                throw new ParseException("not the compact form", 0);
            }
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            return problem("it is malformed (a JWT is three base64url parts: header, claims and signature).");
        }
        if (parsed instanceof EncryptedJWT) {
            return problem("it is encrypted (JWE); Sheetsmith expects a token signed with HS256.");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            return problem("it is not signed (algorithm 'none'); Sheetsmith accepts only HS256 tokens signed with"
                    + " identity.jwtSecret.");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.HS256.equals(algorithm)) {
            return problem("it is signed with the algorithm " + printable(algorithm.getName()) + "; Sheetsmith accepts"
                    + " only HS256.");
        }
        try {
            if (!jwt.verify(new MACVerifier(jwtSecret))) {
                return problem("its signature does not match identity.jwtSecret (the sender signs with another"
                        + " secret, or the token was altered).");
            }
        } catch (JOSEException e) {
            return problem("its signature could not be checked.");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return problem("its claims are not a JSON object.");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return problem("it has no expiry ('exp' claim); Sheetsmith accepts only tokens that expire.");
        }
        if (expires.toInstant().isBefore(now)) {
            return problem("it expired at " + expires.toInstant().truncatedTo(ChronoUnit.SECONDS) + " (the server's"
                    + " time is " + now.truncatedTo(ChronoUnit.SECONDS) + "); the sender must send a fresh one.");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now)) {
            return problem("it is not valid before " + notBefore.toInstant().truncatedTo(ChronoUnit.SECONDS)
                    + " (the server's time is " + now.truncatedTo(ChronoUnit.SECONDS) + ").");
        }
        Object id = claims.getClaim("id") != null ? claims.getClaim("id") : claims.getSubject();
        if (id == null) {
            return problem("it names no user (no 'id' or 'sub' claim).");
        }
        if (!(id instanceof String s) || !USER_ID.matcher(s).matches()) {
            return problem("its user id is not one Sheetsmith accepts (" + USER_ID_RULE + ").");
        }
        return new UserToken(s, null);
    }

    private static UserToken problem(String problem) {
        return new UserToken(null, problem);
    }

    /** An algorithm name from the token's header, shown only if it looks like one. */
    private static String printable(String name) {
        return name != null && name.matches("[A-Za-z0-9+_-]{1,20}") ? "'" + name + "'" : "(unreadable)";
    }
}
