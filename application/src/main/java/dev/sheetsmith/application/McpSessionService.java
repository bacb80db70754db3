package dev.sheetsmith.application;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.in.McpSessionsUseCase;
import dev.sheetsmith.ports.out.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** Sessions as database rows: 256-bit random ids, an idle timeout, explicit end. */
public final class McpSessionService implements McpSessionsUseCase {

    private static final int ID_BYTES = 32;
    /** Seen-times are written at most this often per session, to spare the database. */
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    /** Open sessions an owner keeps unless configured otherwise (mcp.maxSessionsPerOwner). */
    public static final int DEFAULT_MAX_PER_OWNER = 100;

    private final SessionStore store;
    private final Duration idleTimeout;
    private final Clock clock;
    private final int maxPerOwner;
    /**
     * One generator per thread. A shared {@code new SecureRandom()} (NativePRNG on Linux) takes one
     * process-wide lock per call, and with 50 clients opening sessions at once on 2 cores the thread
     * holding it was often descheduled: JFR counted 38 waits of about 25 ms in 10 s, all in
     * {@link #open}. A DRBG of its own per thread (seeded once from the system) has no shared lock.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(McpSessionService::generator);

    public McpSessionService(SessionStore store, Duration idleTimeout, Clock clock) {
        this(store, idleTimeout, clock, DEFAULT_MAX_PER_OWNER);
    }

    /**
     * @param maxPerOwner open sessions one owner may have; opening one more ends that owner's least
     *     recently seen session, so clients that never end theirs keep the table small
     */
    public McpSessionService(SessionStore store, Duration idleTimeout, Clock clock, int maxPerOwner) {
        this.store = Objects.requireNonNull(store, "store");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPerOwner < 1) {
            throw new IllegalArgumentException("mcp.maxSessionsPerOwner must be at least 1, was " + maxPerOwner);
        }
        this.maxPerOwner = maxPerOwner;
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom(); // a JDK without DRBG: the platform's default, shared lock and all
        }
    }

    @Override
    public McpSession open(Owner owner, String protocolVersion, String clientName) {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.get().nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        McpSession session = new McpSession(id, owner, protocolVersion, truncate(clientName), null, now, now);
        store.insertKeepingNewest(session, maxPerOwner);
        return session;
    }

    @Override
    public Optional<McpSession> resume(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<McpSession> found = store.find(sessionId).filter(s -> !s.idleLongerThan(idleTimeout, now));
        found.filter(s -> s.lastSeen().plus(TOUCH_GRANULARITY).isBefore(now)).ifPresent(s -> store.touch(s.id(), now));
        return found;
    }

    @Override
    public boolean end(String sessionId) {
        return store.delete(sessionId);
    }

    /** One statement: a DELETE on every chat message of an Open-WebUI user read the row first. */
    @Override
    public boolean end(String sessionId, Owner owner) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return false;
        }
        return store.deleteOwned(sessionId, owner, clock.instant().minus(idleTimeout));
    }

    @Override
    public void setLogLevel(String sessionId, String level) {
        store.setLogLevel(sessionId, level);
    }

    @Override
    public int sweep() {
        return store.deleteIdleSince(clock.instant().minus(idleTimeout));
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200);
    }
}
