package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-message statements on the pool itself (as the server wires them), on a pool of ONE
 * connection, so that whatever a statement leaves behind on its connection meets the next one.
 */
class PooledStatementsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Owner ALICE = new Owner("alice");

    private JdbcConnectionPool pool;
    private Jdbi jdbi;

    @BeforeEach
    void freshDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(1);
        jdbi = StorageJdbi.configure(Jdbi.create(pool));
        new SchemaMigrator(jdbi).migrate();
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void aWriteThatFailsIsRolledBackAndLeavesTheConnectionInAutoCommit() throws Exception {
        JdbiSessionStore store = new JdbiSessionStore(jdbi, pool);
        store.insert(session("s1"));

        assertThatThrownBy(() -> store.insertKeepingNewest(session("s1"), 5)).isInstanceOf(RuntimeException.class);

        try (Connection c = pool.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        }
        store.insert(session("s2"));
        assertThat(store.find("s1")).isPresent();
        assertThat(store.find("s2")).isPresent();
        assertThat(store.page(ALICE, null, 10)).extracting(McpSession::id).containsExactly("s1", "s2");
        assertThat(store.delete("s1")).isTrue();
        assertThat(store.find("s1")).isEmpty();
    }

    @Test
    void aKeyReadsTheSameOnThePoolAsThroughJdbi() {
        JdbiApiKeyStore pooled = new JdbiApiKeyStore(jdbi, pool);
        JdbiApiKeyStore viaJdbi = new JdbiApiKeyStore(jdbi);
        assertThat(pooled.countActive()).isZero();
        pooled.insert(new ApiKey("k1", ALICE, Role.USER, true, T0, null, null), "b".repeat(64));

        assertThat(pooled.countActive()).isEqualTo(1);
        assertThat(pooled.find("k1").orElseThrow()).isEqualTo(viaJdbi.find("k1").orElseThrow());
        assertThat(pooled.find("k1").orElseThrow().key().gateway()).isTrue();
        assertThat(pooled.find("nope")).isEmpty();

        pooled.revoke("k1", T0.plusSeconds(1));
        assertThat(pooled.countActive()).isZero();
        assertThat(pooled.find("k1").orElseThrow().key().revoked()).isEqualTo(T0.plusSeconds(1));
    }

    private static McpSession session(String id) {
        return new McpSession(id, ALICE, "2025-06-18", "bench", null, T0, T0);
    }
}
