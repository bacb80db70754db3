package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.out.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpSessionServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MapSessionStore store = new MapSessionStore();
    private final McpSessionService sessions = new McpSessionService(store, Duration.ofHours(24), clock);

    @Test
    void sessionIdsAreDistinctAndCarryAtLeast128Bits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(sessions.open(Owner.LOCAL, "2025-06-18", "test").id());
        }
        assertThat(ids).hasSize(1000);
        assertThat(java.util.Base64.getUrlDecoder().decode(ids.iterator().next())).hasSize(32);
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutIsGoneAndUseKeepsItAlive() {
        String id = sessions.open(Owner.LOCAL, "2025-06-18", "test").id();
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.resume(id)).isPresent();
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.resume(id)).as("touched 23 h ago").isPresent();
        clock.advance(Duration.ofHours(25));
        assertThat(sessions.resume(id)).isEmpty();
    }

    @Test
    void endingForAnOwnerEndsOnlyItsLiveSessionAsResumeWouldFindIt() {
        Owner alice = new Owner("alice");
        String id = sessions.open(alice, "2025-06-18", "test").id();
        assertThat(sessions.end(id, new Owner("mallory"))).isFalse();
        assertThat(sessions.end(null, alice)).isFalse();
        assertThat(sessions.end("x".repeat(101), alice)).isFalse();
        clock.advance(Duration.ofHours(25));
        assertThat(sessions.end(id, alice)).as("idle longer than the timeout").isFalse();
        assertThat(store.find(id)).as("left for the sweep").isPresent();
        String live = sessions.open(alice, "2025-06-18", "test").id();
        clock.advance(Duration.ofHours(24));
        assertThat(sessions.end(live, alice)).as("idle exactly the timeout").isTrue();
        assertThat(store.find(live)).isEmpty();
        assertThat(sessions.end(live, alice)).isFalse();
    }

    @Test
    void theSweepRemovesOnlySessionsIdleLongerThanTheTimeout() {
        String old = sessions.open(Owner.LOCAL, "2025-06-18", "old").id();
        clock.advance(Duration.ofHours(20));
        String fresh = sessions.open(Owner.LOCAL, "2025-06-18", "fresh").id();
        clock.advance(Duration.ofHours(5));
        assertThat(sessions.sweep()).isEqualTo(1);
        assertThat(store.find(old)).isEmpty();
        assertThat(store.find(fresh)).isPresent();
        assertThat(sessions.sweep()).isZero();
    }

    @Test
    void openingMoreThanTheCapEndsTheOwnersLeastRecentlySeenSession() {
        McpSessionService capped = new McpSessionService(store, Duration.ofHours(24), clock, 2);
        String first = capped.open(Owner.LOCAL, "2025-06-18", "a").id();
        clock.advance(Duration.ofMinutes(1));
        String second = capped.open(Owner.LOCAL, "2025-06-18", "b").id();
        clock.advance(Duration.ofMinutes(1));
        assertThat(capped.resume(first)).as("used again: now the most recently seen").isPresent();
        clock.advance(Duration.ofMinutes(1));
        String other = capped.open(new Owner("bob"), "2025-06-18", "c").id();
        String third = capped.open(Owner.LOCAL, "2025-06-18", "d").id();

        assertThat(capped.resume(second)).as("the least recently seen of the owner's three").isEmpty();
        assertThat(capped.resume(first)).isPresent();
        assertThat(capped.resume(third)).isPresent();
        assertThat(capped.resume(other)).as("another owner's sessions do not count").isPresent();
        assertThatThrownBy(() -> new McpSessionService(store, Duration.ofHours(24), clock, 0))
                .hasMessageContaining("mcp.maxSessionsPerOwner");
    }

    @Test
    void anEndedOrUnknownSessionIsNotResumed() {
        String id = sessions.open(Owner.LOCAL, "2025-06-18", "test").id();
        assertThat(sessions.end(id)).isTrue();
        assertThat(sessions.resume(id)).isEmpty();
        assertThat(sessions.end(id)).isFalse();
        assertThat(sessions.resume("nope")).isEmpty();
        assertThat(sessions.resume("")).isEmpty();
        assertThat(sessions.resume(null)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An in-memory port for the service's own rules; the Jdbi store has its own tests on H2. */
    private static final class MapSessionStore implements SessionStore {
        private final Map<String, McpSession> rows = new HashMap<>();

        @Override
        public void insert(McpSession s) {
            rows.put(s.id(), s);
        }

        @Override
        public int insertKeepingNewest(McpSession s, int maxPerOwner) {
            rows.put(s.id(), s);
            java.util.List<McpSession> beyond = rows.values().stream().filter(r -> r.owner().equals(s.owner()))
                    .sorted(java.util.Comparator.comparing(McpSession::lastSeen).reversed()).skip(maxPerOwner).toList();
            beyond.forEach(r -> rows.remove(r.id()));
            return beyond.size();
        }

        @Override
        public Optional<McpSession> find(String id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public void touch(String id, Instant seen) {
            rows.computeIfPresent(id, (k, s) -> new McpSession(s.id(), s.owner(), s.protocolVersion(), s.clientName(),
                    s.logLevel(), s.created(), seen));
        }

        @Override
        public void setLogLevel(String id, String level) {
            rows.computeIfPresent(id, (k, s) -> new McpSession(s.id(), s.owner(), s.protocolVersion(), s.clientName(),
                    level, s.created(), s.lastSeen()));
        }

        @Override
        public boolean delete(String id) {
            return rows.remove(id) != null;
        }

        @Override
        public java.util.List<McpSession> page(dev.sheetsmith.domain.Owner owner, String afterId, int limit) {
            throw new UnsupportedOperationException("not used by the session service");
        }

        @Override
        public int deleteByOwner(dev.sheetsmith.domain.Owner owner) {
            throw new UnsupportedOperationException("not used by the session service");
        }

        @Override
        public java.util.List<dev.sheetsmith.domain.OwnerUsage> usageByOwner() {
            throw new UnsupportedOperationException("not used by the session service");
        }

        @Override
        public int deleteIdleSince(Instant cutoff) {
            int before = rows.size();
            rows.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
            return before - rows.size();
        }
    }
}
