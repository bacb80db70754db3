package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session store against a real, fresh H2 database per test, wired as the server wires it. */
class JdbiSessionStoreTest {

    /** Microsecond precision: what TIMESTAMP WITH TIME ZONE keeps on H2 and PostgreSQL. */
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.123456Z");
    private static final Owner ALICE = new Owner("alice");

    private JdbiSessionStore store;

    @BeforeEach
    void freshDatabase() {
        // the server's wiring: Jdbi and the per-message statements on one data source
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Jdbi jdbi = StorageJdbi.configure(Jdbi.create(dataSource));
        new SchemaMigrator(jdbi).migrate();
        store = new JdbiSessionStore(jdbi, dataSource);
    }

    @Test
    void everyFieldOfAnInsertedSessionReadsBack() {
        McpSession session = session("s1").protocol("2025-06-18").client("Claude Desktop").logLevel("info")
                .lastSeen(CREATED.plusSeconds(42).plusNanos(7_000)).build();

        store.insert(session);

        McpSession found = store.find("s1").orElseThrow();
        assertThat(found.id()).isEqualTo("s1");
        assertThat(found.owner()).isEqualTo(ALICE);
        assertThat(found.protocolVersion()).isEqualTo("2025-06-18");
        assertThat(found.clientName()).isEqualTo("Claude Desktop");
        assertThat(found.logLevel()).isEqualTo("info");
        assertThat(found.created()).isEqualTo(CREATED);
        assertThat(found.lastSeen()).isEqualTo(CREATED.plusSeconds(42).plusNanos(7_000));
        assertThat(found).isEqualTo(session);
    }

    @Test
    void optionalFieldsLeftOutReadBackAsNull() {
        store.insert(session("s1").build());

        McpSession found = store.find("s1").orElseThrow();

        assertThat(found.protocolVersion()).isNull();
        assertThat(found.clientName()).isNull();
        assertThat(found.logLevel()).isNull();
    }

    @Test
    void nanosecondsAreKeptAtLeastToTheMillisecond() {
        Instant withNanos = Instant.parse("2026-05-05T05:05:05.987654321Z");
        store.insert(session("s1").created(withNanos).lastSeen(withNanos).build());

        McpSession found = store.find("s1").orElseThrow();

        assertThat(found.created().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(withNanos.truncatedTo(ChronoUnit.MILLIS));
        assertThat(found.lastSeen().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(withNanos.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void touchMovesLastSeenAndLeavesTheRestAlone() {
        store.insert(session("s1").protocol("2025-06-18").client("c").logLevel("info").build());
        Instant later = CREATED.plus(90, ChronoUnit.MINUTES);

        store.touch("s1", later);

        McpSession found = store.find("s1").orElseThrow();
        assertThat(found.lastSeen()).isEqualTo(later);
        assertThat(found.created()).isEqualTo(CREATED);
        assertThat(found.logLevel()).isEqualTo("info");
        assertThat(found.clientName()).isEqualTo("c");
    }

    @Test
    void touchChangesOnlyTheSessionNamed() {
        store.insert(session("s1").build());
        store.insert(session("s2").build());

        store.touch("s1", CREATED.plusSeconds(5));

        assertThat(store.find("s2").orElseThrow().lastSeen()).isEqualTo(CREATED);
    }

    @Test
    void setLogLevelChangesTheLevelAndLeavesTheRestAlone() {
        store.insert(session("s1").logLevel("info").build());

        store.setLogLevel("s1", "warning");

        McpSession found = store.find("s1").orElseThrow();
        assertThat(found.logLevel()).isEqualTo("warning");
        assertThat(found.lastSeen()).isEqualTo(CREATED);
        assertThat(found.owner()).isEqualTo(ALICE);
    }

    @Test
    void deleteIsTrueForAnExistingSessionThenFalse() {
        store.insert(session("s1").build());

        assertThat(store.delete("s1")).isTrue();
        assertThat(store.find("s1")).isEmpty();
        assertThat(store.delete("s1")).isFalse();
    }

    @Test
    void deleteOwnedEndsOnlyTheOwnersLiveSessionInOneStatement() {
        store.insert(session("s1").lastSeen(CREATED.plusSeconds(60)).build());

        assertThat(store.deleteOwned("s1", new Owner("mallory"), CREATED)).as("another owner's").isFalse();
        assertThat(store.deleteOwned("s1", ALICE, CREATED.plusSeconds(61))).as("idle past the cutoff").isFalse();
        assertThat(store.find("s1")).as("both left it alone").isPresent();
        assertThat(store.deleteOwned("s1", ALICE, CREATED.plusSeconds(60))).as("seen exactly at the cutoff").isTrue();
        assertThat(store.find("s1")).isEmpty();
        assertThat(store.deleteOwned("s1", ALICE, CREATED)).isFalse();
        assertThat(store.deleteOwned("never", ALICE, CREATED)).isFalse();
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        store.insert(session("s1").build());

        assertThat(store.find("unknown")).isEmpty();
    }

    @Test
    void touchAndSetLogLevelOfAnUnknownIdCreateNothing() {
        store.touch("ghost", CREATED);
        store.setLogLevel("ghost", "debug");

        assertThat(store.find("ghost")).isEmpty();
    }

    @Test
    void insertKeepingNewestEndsTheOwnersLeastRecentlySeenSessionsBeyondTheCap() {
        store.insert(session("old").lastSeen(CREATED.plusSeconds(1)).build());
        store.insert(session("used").lastSeen(CREATED.plusSeconds(50)).build());
        store.insert(session("mid").lastSeen(CREATED.plusSeconds(20)).build());
        McpSession bobs = new McpSession("bob1", new Owner("bob"), null, null, null, CREATED, CREATED);
        store.insert(bobs);

        int ended = store.insertKeepingNewest(session("new").lastSeen(CREATED.plusSeconds(60)).build(), 2);

        assertThat(ended).isEqualTo(2);
        assertThat(store.find("new")).isPresent();
        assertThat(store.find("used")).isPresent();
        assertThat(store.find("mid")).as("third most recently seen").isEmpty();
        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("bob1")).as("another owner's session").isPresent();
        assertThat(store.insertKeepingNewest(session("newer").lastSeen(CREATED.plusSeconds(70)).build(), 5)).isZero();
    }

    @Test
    void writesFromManyThreadsAtOnceAllLandAndABadOneFailsAlone() throws Exception {
        store.insert(session("taken").build());
        int threads = 32;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            outcomes.add(pool.submit(() -> {
                go.await();
                if (n == 7) { // a duplicate id: its transaction fails, the others' must not
                    try {
                        store.insert(session("taken").build());
                        return "inserted a duplicate";
                    } catch (RuntimeException e) {
                        return "refused";
                    }
                }
                for (int i = 0; i < 20; i++) {
                    store.insertKeepingNewest(session("s" + n + "-" + i).build(), 10_000);
                    if (i % 2 == 0 && !store.delete("s" + n + "-" + i)) {
                        return "delete found nothing";
                    }
                }
                return "ok";
            }));
        }
        go.countDown();
        for (int t = 0; t < threads; t++) {
            assertThat(outcomes.get(t).get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(t == 7 ? "refused" : "ok");
        }
        pool.shutdown();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < 20; i++) {
                assertThat(store.find("s" + t + "-" + i).isPresent()).as("s%d-%d", t, i).isEqualTo(t != 7 && i % 2 == 1);
            }
        }
        assertThat(store.find("taken")).isPresent();
    }

    private static SessionBuilder session(String id) {
        return new SessionBuilder(id);
    }

    /** A session of ALICE created and last seen at CREATED unless told otherwise. */
    private static final class SessionBuilder {
        private final String id;
        private String protocol;
        private String client;
        private String logLevel;
        private Instant created = CREATED;
        private Instant lastSeen = CREATED;

        SessionBuilder(String id) {
            this.id = id;
        }

        SessionBuilder protocol(String value) {
            protocol = value;
            return this;
        }

        SessionBuilder client(String value) {
            client = value;
            return this;
        }

        SessionBuilder logLevel(String value) {
            logLevel = value;
            return this;
        }

        SessionBuilder created(Instant value) {
            created = value;
            return this;
        }

        SessionBuilder lastSeen(Instant value) {
            lastSeen = value;
            return this;
        }

        McpSession build() {
            return new McpSession(id, ALICE, protocol, client, logLevel, created, lastSeen);
        }
    }
}
