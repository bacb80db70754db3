package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.domain.StoredFile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jdbi stores against a real H2 database, a fresh one per test ({@link PostgresStoresTest}: PostgreSQL). */
class StoresTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Owner ALICE = new Owner("alice");
    private static final Owner BOB = new Owner("bob");

    private Jdbi jdbi;

    /** A fresh, empty database. */
    protected Jdbi newDatabase() {
        return StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    @BeforeEach
    void freshDatabase() {
        jdbi = newDatabase();
        assertThat(new SchemaMigrator(jdbi).migrate()).isEqualTo(SchemaMigrator.scripts().size());
    }

    @Test
    void migratingTwiceAppliesNothingAndAMigrationCutShortRunsAgain() {
        assertThat(new SchemaMigrator(jdbi).migrate()).isZero();
        // H2 commits DDL statement by statement: a run cut short leaves tables without its version row.
        jdbi.useHandle(h -> h.execute("DELETE FROM schema_version WHERE version = 3"));
        assertThat(new SchemaMigrator(jdbi).migrate()).isEqualTo(1);
        assertThat(SchemaMigrator.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT);"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
    }

    @Test
    void sessionsRoundTripTouchAndDelete() {
        JdbiSessionStore store = new JdbiSessionStore(jdbi);
        store.insert(new McpSession("s1", ALICE, "2025-06-18", "client", null, T0, T0));
        McpSession found = store.find("s1").orElseThrow();
        assertThat(found.owner()).isEqualTo(ALICE);
        assertThat(found.protocolVersion()).isEqualTo("2025-06-18");
        assertThat(found.created().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0);
        store.touch("s1", T0.plusSeconds(60));
        store.setLogLevel("s1", "warning");
        assertThat(store.find("s1").orElseThrow().lastSeen().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.plusSeconds(60));
        assertThat(store.find("s1").orElseThrow().logLevel()).isEqualTo("warning");
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.delete("s1")).isTrue();
        assertThat(store.delete("s1")).isFalse();
    }

    @Test
    void idleSessionsAreSweptAndFreshOnesStay() {
        JdbiSessionStore store = new JdbiSessionStore(jdbi);
        store.insert(new McpSession("old", ALICE, null, null, null, T0, T0));
        store.insert(new McpSession("new", ALICE, null, null, null, T0, T0.plusSeconds(3600)));
        assertThat(store.deleteIdleSince(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("new")).isPresent();
    }

    @Test
    void aNameIsUniquePerOwnerAndRevisionsCommitOnlyOnTheExpectedRevision() {
        JdbiFileMetadataStore store = new JdbiFileMetadataStore(jdbi);
        StoredFile first = file("f1", ALICE, "report.xlsx", 1);
        assertThat(store.insertIfNameFree(first)).isTrue();
        assertThat(store.insertIfNameFree(file("f2", ALICE, "report.xlsx", 1))).isFalse();
        assertThat(store.insertIfNameFree(file("f3", BOB, "report.xlsx", 1))).isTrue();
        assertThat(store.find("f2")).isEmpty();
        assertThat(store.findByName(ALICE, "report.xlsx").orElseThrow().id()).isEqualTo("f1");
        assertThat(store.listByOwner(ALICE)).extracting(StoredFile::id).containsExactly("f1");

        StoredFile second = file("f1", ALICE, "report.xlsx", 2);
        assertThat(store.commitRevision(second, 1, "write_range A1")).isTrue();
        assertThat(store.commitRevision(file("f1", ALICE, "report.xlsx", 2), 1, "lost race")).isFalse();
        assertThat(store.find("f1").orElseThrow().revision()).isEqualTo(2);
        List<FileRevision> revisions = store.revisions("f1");
        assertThat(revisions).extracting(FileRevision::revision).containsExactly(2, 1);
        assertThat(revisions.get(0).change()).isEqualTo("write_range A1");
        assertThat(revisions.get(1).change()).isEqualTo("created");

        assertThat(store.pruneRevisions("f1", 1)).extracting(FileRevision::revision).containsExactly(1);
        assertThat(store.revisions("f1")).extracting(FileRevision::revision).containsExactly(2);
        assertThat(store.delete("f1")).isTrue();
        assertThat(store.revisions("f1")).isEmpty();
        assertThat(store.find("f1")).isEmpty();
    }

    @Test
    void pruningReturnsOnlyBytesThatNoRowStillNames() {
        JdbiFileMetadataStore store = new JdbiFileMetadataStore(jdbi);
        store.insertIfNameFree(file("f1", ALICE, "a.xlsx", 1));
        store.commitRevision(file("f1", ALICE, "a.xlsx", 2), 1, "edit");
        // revision 3 stores what revision 1 stored, under the same key (as a restore might)
        StoredFile shared = new StoredFile("f1", ALICE, "a.xlsx", "xlsx", "application/x", 10, "0".repeat(64), 3,
                "f1/r1", T0, T0.plusSeconds(3));
        store.commitRevision(shared, 2, "restore_revision 1");
        store.insertIfNameFree(file("f2", BOB, "b.xlsx", 1));

        assertThat(store.namedKeys(List.of("f1/r1", "f1/r2", "f1/r9", "f2/r1", "f3/r1", "loose")))
                .containsExactlyInAnyOrder("f1/r1", "f1/r2", "f2/r1");
        assertThat(store.namedKeys(List.of())).isEmpty();

        List<FileRevision> pruned = store.pruneRevisions("f1", 1);
        assertThat(pruned).extracting(FileRevision::revision).containsExactly(2);
        assertThat(store.revisions("f1")).extracting(FileRevision::revision).containsExactly(3);
        assertThat(store.namedKeys(List.of("f1/r1", "f1/r2"))).containsExactly("f1/r1");
    }

    @Test
    void adminPagesFilterAndSumPerOwner() {
        JdbiFileMetadataStore files = new JdbiFileMetadataStore(jdbi);
        JdbiSessionStore sessions = new JdbiSessionStore(jdbi);
        files.insertIfNameFree(file("a1", ALICE, "Q1 Sales.xlsx", 1));
        files.insertIfNameFree(file("a2", ALICE, "notes.xlsx", 1));
        files.insertIfNameFree(file("b1", BOB, "q2 sales.xlsx", 1));
        sessions.insert(new McpSession("s1", ALICE, null, null, null, T0, T0));
        sessions.insert(new McpSession("s2", ALICE, null, null, null, T0, T0.plusSeconds(9)));
        assertThat(files.page(null, null, null, null, 2)).extracting(StoredFile::id).containsExactly("a1", "a2");
        assertThat(files.page(null, null, null, "a2", 2)).extracting(StoredFile::id).containsExactly("b1");
        assertThat(files.page(null, "SALES", null, null, 10)).extracting(StoredFile::id).containsExactly("a1", "b1");
        assertThat(files.page(ALICE, "sales", null, null, 10)).extracting(StoredFile::id).containsExactly("a1");
        assertThat(files.page(null, null, T0.plusSeconds(1), null, 10)).extracting(StoredFile::id)
                .containsExactly("a1", "a2", "b1");
        assertThat(files.page(null, null, T0.plusSeconds(2), null, 10)).isEmpty();
        assertThat(files.usageByOwner()).extracting(u -> u.owner().id() + ":" + u.files() + ":" + u.bytes())
                .containsExactly("alice:2:20", "bob:1:10");
        assertThat(sessions.page(ALICE, null, 10)).extracting(McpSession::id).containsExactly("s1", "s2");
        assertThat(sessions.usageByOwner()).singleElement().satisfies(u -> {
            assertThat(u.sessions()).isEqualTo(2);
            assertThat(u.lastActivity().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.plusSeconds(9));
        });
        assertThat(sessions.deleteByOwner(ALICE)).isEqualTo(2);
    }

    @Test
    void apiKeysKeepOnlyAHashAndCanBeRevoked() {
        JdbiApiKeyStore store = new JdbiApiKeyStore(jdbi);
        store.insert(new ApiKey("k1", ALICE, Role.ADMIN, true, T0, null, null), "a".repeat(64));
        assertThat(store.countActive()).isEqualTo(1);
        ApiKeyStoreRow row = new ApiKeyStoreRow(store.find("k1").orElseThrow());
        assertThat(row.hash()).isEqualTo("a".repeat(64));
        assertThat(row.role()).isEqualTo(Role.ADMIN);
        assertThat(store.find("k1").orElseThrow().key().gateway()).isTrue();
        store.touch("k1", T0.plusSeconds(5));
        assertThat(store.list().get(0).lastUsed()).isNotNull();
        assertThat(store.revoke("k1", T0.plusSeconds(10))).isTrue();
        assertThat(store.revoke("k1", T0.plusSeconds(20))).isFalse();
        assertThat(store.countActive()).isZero();
        assertThat(store.find("k1").orElseThrow().key().active()).isFalse();
    }

    @Test
    void aSettingKeepsItsFirstValue() {
        JdbiSettingsStore settings = new JdbiSettingsStore(jdbi);
        assertThat(settings.getOrCreate("secret", () -> "one")).isEqualTo("one");
        assertThat(settings.getOrCreate("secret", () -> "two")).isEqualTo("one");
    }

    private record ApiKeyStoreRow(String hash, Role role) {
        ApiKeyStoreRow(dev.sheetsmith.ports.out.ApiKeyStore.StoredKey stored) {
            this(stored.secretHash(), stored.key().role());
        }
    }

    @Test
    void aFileMovesToAnotherOwnerOnlyUnderAFreeNameAndOnlyFromItsOwnerKeepingItsRevisions() {
        JdbiFileMetadataStore store = new JdbiFileMetadataStore(jdbi);
        StoredFile local = file("f1", Owner.LOCAL, "report.xlsx", 1);
        store.insertIfNameFree(local);
        store.insertIfNameFree(file("f2", ALICE, "report.xlsx", 1));

        assertThat(store.moveIfNameFree("f1", Owner.LOCAL, ALICE, "report.xlsx")).isFalse();
        assertThat(store.moveIfNameFree("f1", BOB, ALICE, "report (2).xlsx")).isFalse();
        assertThat(store.moveIfNameFree("missing", Owner.LOCAL, ALICE, "report (2).xlsx")).isFalse();
        assertThat(store.find("f1").orElseThrow().owner()).isEqualTo(Owner.LOCAL);

        assertThat(store.moveIfNameFree("f1", Owner.LOCAL, ALICE, "report (2).xlsx")).isTrue();

        StoredFile moved = store.find("f1").orElseThrow();
        assertThat(moved.owner()).isEqualTo(ALICE);
        assertThat(moved.name()).isEqualTo("report (2).xlsx");
        assertThat(moved.storageKey()).isEqualTo(local.storageKey());
        assertThat(moved.sha256()).isEqualTo(local.sha256());
        assertThat(moved.revision()).isEqualTo(1);
        assertThat(store.listByOwner(Owner.LOCAL)).isEmpty();
        assertThat(store.findByName(ALICE, "report.xlsx").orElseThrow().id()).isEqualTo("f2");
        assertThat(store.revisions("f1")).extracting(FileRevision::storageKey).containsExactly("f1/r1");
        // Moved once: the old owner no longer holds it.
        assertThat(store.moveIfNameFree("f1", Owner.LOCAL, BOB, "report.xlsx")).isFalse();
    }

    @Test
    void auditEventsPageNewestFirstByOwnerActionAndBeforeAnId() {
        JdbiAuditLog log = new JdbiAuditLog(jdbi);
        log.record(new AuditEvent(0, T0, "alice", "key k1", "file.create", "f1", "a.xlsx"));
        log.record(new AuditEvent(0, T0.plusSeconds(1), "bob", "admin", "key.revoke", null, null));
        log.record(new AuditEvent(0, T0.plusSeconds(2), "alice", "key k1", "file.delete", "f1", null));

        List<AuditEvent> all = log.page(null, null, null, 10);
        assertThat(all).extracting(AuditEvent::action).containsExactly("file.delete", "key.revoke", "file.create");
        assertThat(all.get(2).at()).isEqualTo(T0);
        assertThat(all.get(2).detail()).isEqualTo("a.xlsx");
        assertThat(all.get(1).fileId()).isNull();
        assertThat(log.page("alice", null, null, 10)).extracting(AuditEvent::action)
                .containsExactly("file.delete", "file.create");
        assertThat(log.page(null, "key.revoke", null, 10)).extracting(AuditEvent::owner).containsExactly("bob");
        assertThat(log.page(null, null, all.get(0).id(), 1)).extracting(AuditEvent::action).containsExactly("key.revoke");
    }

    @Test
    void unchangedFilesAndAnOwnersBytesAreCountedFromTheCurrentRevision() {
        JdbiFileMetadataStore files = new JdbiFileMetadataStore(jdbi);
        files.insertIfNameFree(file("a1", ALICE, "old.xlsx", 1));
        files.insertIfNameFree(file("a2", ALICE, "new.xlsx", 1));
        assertThat(files.commitRevision(file("a2", ALICE, "new.xlsx", 3), 1, "x".repeat(400))).isTrue();

        assertThat(files.unchangedSince(T0.plusSeconds(2), 10)).extracting(StoredFile::id).containsExactly("a1");
        assertThat(files.bytesOf(ALICE)).isEqualTo(10 + 30);
        assertThat(files.bytesOf(BOB)).isZero();
        assertThat(files.revisions("a2").get(0).change()).hasSize(300);
        assertThat(files.find("a2")).get().extracting(StoredFile::updated).isEqualTo(T0.plusSeconds(3));
    }

    private static StoredFile file(String id, Owner owner, String name, int revision) {
        return new StoredFile(id, owner, name, "xlsx", "application/x", 10L * revision, "0".repeat(64), revision,
                id + "/r" + revision, T0, T0.plusSeconds(revision));
    }
}
