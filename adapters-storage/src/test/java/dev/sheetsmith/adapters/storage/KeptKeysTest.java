package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Active keys' rows are kept for a while; a revocation made elsewhere (another replica, on the same
 * database) takes effect within that while, and one made through the store at once.
 */
class KeptKeysTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final String HASH = "c".repeat(64);

    private JdbcConnectionPool pool;
    private Jdbi jdbi;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private JdbiApiKeyStore here;
    private JdbiApiKeyStore otherReplica;

    @BeforeEach
    void twoReplicasOnOneDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        jdbi = StorageJdbi.configure(Jdbi.create(pool));
        new SchemaMigrator(jdbi).migrate();
        here = new JdbiApiKeyStore(jdbi, pool, TTL, nanos::get);
        otherReplica = new JdbiApiKeyStore(jdbi, pool, TTL, nanos::get);
        here.insert(new ApiKey("k1", new Owner("alice"), Role.USER, false, T0, null, null), HASH);
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void aKeyRevokedOnAnotherReplicaStopsHereWithinTheTtl() {
        assertThat(here.find("k1").orElseThrow().key().active()).isTrue();
        assertThat(otherReplica.revoke("k1", T0.plusSeconds(1))).isTrue();
        assertThat(otherReplica.find("k1").orElseThrow().key().active()).as("where it was revoked: at once").isFalse();

        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(here.find("k1").orElseThrow().key().active()).as("kept, inside the bound").isTrue();
        nanos.addAndGet(1);
        assertThat(here.find("k1").orElseThrow().key().revoked()).as("read anew at the bound")
                .isEqualTo(T0.plusSeconds(1));
        nanos.addAndGet(TTL.toNanos() * 3);
        assertThat(here.find("k1").orElseThrow().key().active()).as("a revoked row is never kept").isFalse();
    }

    @Test
    void aKeyRevokedThroughThisStoreStopsAtOnce() {
        assertThat(here.find("k1").orElseThrow().key().active()).isTrue();
        assertThat(here.revoke("k1", T0.plusSeconds(2))).isTrue();
        assertThat(here.find("k1").orElseThrow().key().revoked()).isEqualTo(T0.plusSeconds(2));
        assertThat(here.countActive()).isZero();
    }

    @Test
    void aKeptRowIsReadFromTheDatabaseOnlyOncePerTtl() {
        assertThat(here.find("k1")).isPresent();
        // the row changes underneath (as a database edit would); the kept row answers until the bound
        jdbi.useHandle(h -> h.execute("UPDATE api_keys SET role = 'admin' WHERE id = 'k1'"));
        assertThat(here.find("k1").orElseThrow().key().role()).isEqualTo(Role.USER);
        nanos.addAndGet(TTL.toNanos());
        assertThat(here.find("k1").orElseThrow().key().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void anUnknownIdIsNotKeptSoAKeyCreatedElsewhereWorksAtOnce() {
        assertThat(here.find("k2")).isEmpty();
        otherReplica.insert(new ApiKey("k2", new Owner("bob"), Role.USER, false, T0, null, null), HASH);
        assertThat(here.find("k2")).isPresent();
    }

    @Test
    void aTouchIsSeenInTheKeptRowSoTheNextRequestDoesNotTouchAgain() {
        assertThat(here.find("k1").orElseThrow().key().lastUsed()).isNull();
        here.touch("k1", T0.plusSeconds(30));
        assertThat(here.find("k1").orElseThrow().key().lastUsed()).isEqualTo(T0.plusSeconds(30));
        nanos.addAndGet(TTL.toNanos());
        assertThat(here.find("k1").orElseThrow().key().lastUsed()).as("and in the database").isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aZeroTtlKeepsNothing() {
        JdbiApiKeyStore uncached = new JdbiApiKeyStore(jdbi, pool, Duration.ZERO, nanos::get);
        assertThat(uncached.find("k1").orElseThrow().key().active()).isTrue();
        otherReplica.revoke("k1", T0.plusSeconds(1));
        assertThat(uncached.find("k1").orElseThrow().key().active()).isFalse();
    }
}
