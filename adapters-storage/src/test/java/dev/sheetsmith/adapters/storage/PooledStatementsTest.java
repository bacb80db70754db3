package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.domain.StoredFile;
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

    @Test
    void aNewFileAndItsRevisionsReadTheSameOnThePoolAsThroughJdbi() {
        JdbiFileMetadataStore pooled = new JdbiFileMetadataStore(jdbi, pool);
        JdbiFileMetadataStore viaJdbi = new JdbiFileMetadataStore(jdbi);
        StoredFile first = file("f1", "report.xlsx", 1, T0);
        assertThat(pooled.insertIfNameFree(first)).isTrue();
        assertThat(viaJdbi.find("f1")).contains(first);
        assertThat(pooled.revisions("f1")).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.storageKey()).isEqualTo("f1/r1.xlsx");
            assertThat(r.sha256()).isEqualTo(first.sha256());
            assertThat(r.created()).isEqualTo(T0);
            assertThat(r.change()).isEqualTo("created");
        });
        // the name is taken: nothing stored, neither file nor revision
        assertThat(pooled.insertIfNameFree(file("f2", "report.xlsx", 1, T0))).isFalse();
        assertThat(viaJdbi.find("f2")).isEmpty();
        assertThat(pooled.revisions("f2")).isEmpty();

        StoredFile second = file("f1", "report.xlsx", 2, T0.plusSeconds(5));
        assertThat(pooled.commitRevision(second, 1, "write_range A1:B2")).isTrue();
        assertThat(viaJdbi.find("f1")).contains(new StoredFile("f1", ALICE, "report.xlsx", "xlsx", first.mediaType(),
                second.sizeBytes(), second.sha256(), 2, "f1/r2.xlsx", T0, T0.plusSeconds(5)));
        assertThat(pooled.revisions("f1")).extracting(r -> r.revision() + " " + r.change())
                .containsExactly("2 write_range A1:B2", "1 created");
        // a stale revision changes nothing
        assertThat(pooled.commitRevision(file("f1", "report.xlsx", 3, T0.plusSeconds(9)), 1, "late")).isFalse();
        assertThat(viaJdbi.find("f1").orElseThrow().revision()).isEqualTo(2);
        assertThat(pooled.revisions("f1")).hasSize(2);
        try (Connection c = pool.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createsOfOneNameAtOnceSharingCommitsStoreExactlyOneFileUnderIt() throws Exception {
        // a pool of more connections here: the writes meet in GroupCommit's batches, not in the pool's queue
        pool.setMaxConnections(8);
        JdbiFileMetadataStore pooled = new JdbiFileMetadataStore(jdbi, pool);
        int threads = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "c" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    return pooled.insertIfNameFree(file(id, "same.xlsx", 1, T0));
                }));
            }
            start.countDown();
            int stored = 0;
            for (var r : results) {
                stored += r.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            executor.shutdown();
        }
        StoredFile kept = pooled.findByName(ALICE, "same.xlsx").orElseThrow();
        assertThat(pooled.revisions(kept.id())).hasSize(1);
        assertThat(pooled.listByOwner(ALICE)).hasSize(1);
    }

    @Test
    void anAuditEventReadsBackTheSameOnThePool() {
        JdbiAuditLog pooled = new JdbiAuditLog(jdbi, pool);
        pooled.record(new AuditEvent(0, T0, "alice", "tool", "create_excel_file", "f1", "report.xlsx"));
        pooled.record(new AuditEvent(0, T0.plusSeconds(1), null, null, "key.create", null, null));

        assertThat(new JdbiAuditLog(jdbi).page(null, null, null, 10)).satisfiesExactly(
                newest -> {
                    assertThat(newest.action()).isEqualTo("key.create");
                    assertThat(newest.owner()).isNull();
                    assertThat(newest.actor()).isNull();
                    assertThat(newest.fileId()).isNull();
                    assertThat(newest.detail()).isNull();
                    assertThat(newest.at()).isEqualTo(T0.plusSeconds(1));
                },
                older -> {
                    assertThat(older.owner()).isEqualTo("alice");
                    assertThat(older.actor()).isEqualTo("tool");
                    assertThat(older.action()).isEqualTo("create_excel_file");
                    assertThat(older.fileId()).isEqualTo("f1");
                    assertThat(older.detail()).isEqualTo("report.xlsx");
                    assertThat(older.at()).isEqualTo(T0);
                });
    }

    private static StoredFile file(String id, String name, int revision, Instant updated) {
        return new StoredFile(id, ALICE, name, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                1000L + revision, Integer.toHexString(revision).repeat(64).substring(0, 64), revision,
                id + "/r" + revision + ".xlsx", T0, updated);
    }

    private static McpSession session(String id) {
        return new McpSession(id, ALICE, "2025-06-18", "bench", null, T0, T0);
    }
}
