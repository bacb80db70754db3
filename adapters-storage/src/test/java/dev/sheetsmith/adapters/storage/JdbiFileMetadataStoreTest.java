package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The file metadata store against a real, fresh H2 database per test. */
class JdbiFileMetadataStoreTest {

    private static final Instant CREATED = Instant.parse("2026-02-03T04:05:06.789012Z");
    private static final Owner ALICE = new Owner("alice");
    private static final Owner BOB = new Owner("bob");

    private JdbiFileMetadataStore store;

    @BeforeEach
    void freshDatabase() {
        Jdbi jdbi = StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        new SchemaMigrator(jdbi).migrate();
        store = new JdbiFileMetadataStore(jdbi);
    }

    @Test
    void everyFieldOfAnInsertedFileReadsBack() {
        StoredFile file = new StoredFile("f1", ALICE, "Q1 report.xlsx", "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 12_345L, "ab".repeat(32), 1,
                "f1/r1.xlsx", CREATED, CREATED.plusSeconds(3));

        assertThat(store.insertIfNameFree(file)).isTrue();

        StoredFile found = store.find("f1").orElseThrow();
        assertThat(found.id()).isEqualTo("f1");
        assertThat(found.owner()).isEqualTo(ALICE);
        assertThat(found.name()).isEqualTo("Q1 report.xlsx");
        assertThat(found.format()).isEqualTo("xlsx");
        assertThat(found.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(found.sizeBytes()).isEqualTo(12_345L);
        assertThat(found.sha256()).isEqualTo("ab".repeat(32));
        assertThat(found.revision()).isEqualTo(1);
        assertThat(found.storageKey()).isEqualTo("f1/r1.xlsx");
        assertThat(found.created()).isEqualTo(CREATED);
        assertThat(found.updated()).isEqualTo(CREATED.plusSeconds(3));
        assertThat(found).isEqualTo(file);
    }

    @Test
    void anInsertedFileAlsoRecordsItsFirstRevision() {
        store.insertIfNameFree(file("f1", ALICE, "a.xlsx").build());

        assertThat(store.revisions("f1")).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.storageKey()).isEqualTo("f1/r1.xlsx");
            assertThat(r.change()).isEqualTo("created");
        });
    }

    @Test
    void secondFileWithSameNameForTheSameOwnerIsRefusedAndTheFirstStaysUnchanged() {
        StoredFile first = file("f1", ALICE, "report.xlsx").size(100).build();
        StoredFile second = file("f2", ALICE, "report.xlsx").size(999).format("csv").build();
        store.insertIfNameFree(first);

        assertThat(store.insertIfNameFree(second)).isFalse();

        assertThat(store.find("f2")).isEmpty();
        assertThat(store.revisions("f2")).isEmpty();
        assertThat(store.find("f1")).contains(first);
        assertThat(store.findByName(ALICE, "report.xlsx")).contains(first);
        assertThat(store.listByOwner(ALICE)).containsExactly(first);
        assertThat(store.revisions("f1")).extracting(FileRevision::revision).containsExactly(1);
    }

    @Test
    void anotherOwnerMayUseTheSameName() {
        store.insertIfNameFree(file("f1", ALICE, "report.xlsx").build());

        assertThat(store.insertIfNameFree(file("f2", BOB, "report.xlsx").build())).isTrue();

        assertThat(store.findByName(ALICE, "report.xlsx").orElseThrow().id()).isEqualTo("f1");
        assertThat(store.findByName(BOB, "report.xlsx").orElseThrow().id()).isEqualTo("f2");
    }

    @Test
    void theSameOwnerMayUseADifferentName() {
        store.insertIfNameFree(file("f1", ALICE, "report.xlsx").build());

        assertThat(store.insertIfNameFree(file("f2", ALICE, "report-2.xlsx").build())).isTrue();

        assertThat(store.listByOwner(ALICE)).extracting(StoredFile::id).containsExactlyInAnyOrder("f1", "f2");
    }

    @Test
    void aNameFreedByDeletingItsFileCanBeUsedAgain() {
        store.insertIfNameFree(file("f1", ALICE, "report.xlsx").build());
        assertThat(store.delete("f1")).isTrue();

        assertThat(store.insertIfNameFree(file("f2", ALICE, "report.xlsx").build())).isTrue();

        assertThat(store.findByName(ALICE, "report.xlsx").orElseThrow().id()).isEqualTo("f2");
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        store.insertIfNameFree(file("f1", ALICE, "a.xlsx").build());

        assertThat(store.find("unknown")).isEmpty();
        assertThat(store.findByName(ALICE, "unknown.xlsx")).isEmpty();
        assertThat(store.findByName(BOB, "a.xlsx")).isEmpty();
    }

    private static FileBuilder file(String id, Owner owner, String name) {
        return new FileBuilder(id, owner, name);
    }

    /** A first revision of an xlsx file created at CREATED unless told otherwise. */
    private static final class FileBuilder {
        private final String id;
        private final Owner owner;
        private final String name;
        private String format = "xlsx";
        private long size = 10;

        FileBuilder(String id, Owner owner, String name) {
            this.id = id;
            this.owner = owner;
            this.name = name;
        }

        FileBuilder size(long value) {
            size = value;
            return this;
        }

        FileBuilder format(String value) {
            format = value;
            return this;
        }

        StoredFile build() {
            return new StoredFile(id, owner, name, format, "application/x-" + format, size, "0".repeat(64), 1,
                    id + "/r1." + format, CREATED, CREATED);
        }
    }
}
