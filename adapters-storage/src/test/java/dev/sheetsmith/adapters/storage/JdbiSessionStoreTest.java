package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session store against a real, fresh H2 database per test. */
class JdbiSessionStoreTest {

    /** Microsecond precision: what TIMESTAMP WITH TIME ZONE keeps on H2 and PostgreSQL. */
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.123456Z");
    private static final Owner ALICE = new Owner("alice");

    private JdbiSessionStore store;

    @BeforeEach
    void freshDatabase() {
        Jdbi jdbi = StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        new SchemaMigrator(jdbi).migrate();
        store = new JdbiSessionStore(jdbi);
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
