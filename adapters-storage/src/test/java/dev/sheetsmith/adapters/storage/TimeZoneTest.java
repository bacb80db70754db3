package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import java.time.Instant;
import java.util.TimeZone;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Stored times are exact whatever the JVM's time zone. The hard case: the hour a clock repeats
 * when daylight saving ends (New York, 2026-11-01, 01:00-02:00 twice). Through java.sql.Timestamp
 * both 05:30Z and 06:30Z are "01:30 local", and one of them came back an hour off.
 */
class TimeZoneTest {

    private final TimeZone before = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(before);
    }

    @Test
    void instantsInTheRepeatedAutumnHourReadBackExactlyOnH2() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        check(StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_PG_URL", matches = "jdbc:postgresql:.+")
    void instantsInTheRepeatedAutumnHourReadBackExactlyOnPostgres() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        check(PostgresStoresTest.freshPostgresDatabase());
    }

    private static void check(Jdbi jdbi) {
        new SchemaMigrator(jdbi).migrate();
        JdbiSessionStore store = new JdbiSessionStore(jdbi);
        Instant first = Instant.parse("2026-11-01T05:30:00Z");
        Instant second = Instant.parse("2026-11-01T06:30:00Z");
        store.insert(new McpSession("s1", new Owner("alice"), null, null, null, first, first));
        store.insert(new McpSession("s2", new Owner("alice"), null, null, null, second, second));
        assertThat(store.find("s1").orElseThrow().created()).isEqualTo(first);
        assertThat(store.find("s2").orElseThrow().created()).isEqualTo(second);
        assertThat(store.find("s2").orElseThrow().lastSeen()).isEqualTo(second);
    }
}
