package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase.Edited;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Edits and restores as revisions, over in-memory ports: retries, what bytes stay, pruning, quota, locks. */
class EditWorkbookServiceTest {

    private static final Owner ALICE = new Owner("alice");

    private final InMemoryFileMetadataStore metadata = new InMemoryFileMetadataStore();
    private final InMemoryFileStore store = new InMemoryFileStore();
    private final TextWorkbooks.TextEditor editor = new TextWorkbooks.TextEditor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final AtomicInteger pauses = new AtomicInteger();

    private EditWorkbookService service(int keepRevisions, Quota quota) {
        return new EditWorkbookService(metadata, store, editor, links(), new Limits(10_000, 10), committer(keepRevisions,
                quota), MemoryBudget.unlimited());
    }

    private RevisionCommitter committer(int keepRevisions, Quota quota) {
        return new RevisionCommitter(metadata, store, quota, keepRevisions, clock, attempt -> pauses.incrementAndGet());
    }

    private DownloadLinks links() {
        return new DownloadLinks(new byte[32], Duration.ofMinutes(5), clock);
    }

    private StoredFile seed(String id, String content) throws IOException {
        // A "txt" file: the format the text editor says it edits.
        String key = id + "/r1.txt";
        FileStore.Written written = store.write(key, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        StoredFile file = new StoredFile(id, ALICE, id + ".txt", "txt", "text/plain", written.sizeBytes(),
                written.sha256(), 1, key, clock.instant(), clock.instant());
        assertThat(metadata.insertIfNameFree(file)).isTrue();
        return file;
    }

    private static WorkbookEdit rename(String to) {
        return new WorkbookEdit.RenameSheet("Sheet1", to);
    }

    private String current(String id) {
        return store.text(metadata.find(id).orElseThrow().storageKey());
    }

    /** Bytes that no row names: what a crash or a lost commit would leave for the storage sweep. */
    private Set<String> unnamedBytes() {
        Set<String> unnamed = new HashSet<>(store.keys());
        unnamed.removeAll(metadata.allNamedKeys());
        return unnamed;
    }

    /** Another replica's change to the file, committed straight into the stores. */
    private void commitElsewhere(StoredFile updatedByUs, int expected, String line) {
        StoredFile now = metadata.find(updatedByUs.id()).orElseThrow();
        String key = now.id() + "/r" + (expected + 1) + "-elsewhere.txt";
        try {
            FileStore.Written w = store.write(key, out -> out.write((store.text(now.storageKey()) + "\n" + line)
                    .getBytes(StandardCharsets.UTF_8)));
            StoredFile theirs = new StoredFile(now.id(), now.owner(), now.name(), now.format(), now.mediaType(),
                    w.sizeBytes(), w.sha256(), expected + 1, key, now.created(), clock.instant());
            assertThat(metadata.commitRevision(theirs, expected, line)).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEditIsCommittedAsTheNextRevisionWithItsSummaryAndHash() throws IOException {
        seed("f1", "v1");

        Edited edited = service(3, Quota.none(metadata)).edit(ALICE, "f1.txt", rename("Two"));

        assertThat(edited.file().revision()).isEqualTo(2);
        assertThat(edited.summary()).isEqualTo("did rename_sheet Sheet1 -> Two");
        assertThat(current("f1")).isEqualTo("v1\nrename_sheet Sheet1 -> Two");
        byte[] stored = store.text(edited.file().storageKey()).getBytes(StandardCharsets.UTF_8);
        assertThat(edited.file().sizeBytes()).isEqualTo(stored.length);
        assertThat(edited.file().sha256()).isEqualTo(InMemoryFileStore.sha256(stored));
        assertThat(metadata.revisions("f1").get(0).change()).isEqualTo("rename_sheet Sheet1 -> Two");
        assertThat(unnamedBytes()).isEmpty();
    }

    /**
     * The service first reserves what an edit made on the stream takes; an editor that loads the
     * workbook whole (as this text editor always does, through the port's default) asks for the
     * rest before it loads, and a workbook too large for the budget is refused then, unchanged.
     */
    @Test
    void loadingTheWorkbookWholeReservesItsSizeFirstAndIsRefusedPastTheBudget() throws IOException {
        seed("big", "x".repeat(700_000)); // 700 KB stored: 112 MB loaded whole at 160 bytes a byte
        MemoryBudget budget = new MemoryBudget(100_000_000, Duration.ZERO);
        EditWorkbookService service = new EditWorkbookService(metadata, store, editor, links(), new Limits(10_000, 10),
                committer(3, Quota.none(metadata)), budget);
        assertThatThrownBy(() -> service.edit(ALICE, "big.txt", rename("Two")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("changing big.txt (700000 bytes stored)")
                .hasMessageContaining("whole memory budget of 100.0 MB");
        assertThat(metadata.find("big").orElseThrow().revision()).isEqualTo(1);
        assertThat(budget.reservedBytes()).isZero();
        assertThat(budget.peakBytes()).isEqualTo(MemoryBudget.streamedEdit(0));
        seed("small", "v1");
        service.edit(ALICE, "small.txt", rename("Two"));
        assertThat(budget.reservedBytes()).isZero();
        assertThat(unnamedBytes()).isEmpty();
    }

    /**
     * An append of streamed rows (a large request's, on disk) reserves what the stream and the
     * writer's window take, not 500 bytes for each of its cells: 2,000,000 cells would be 1 GB,
     * past a 100 MB budget, and are appended within it; the same cells held in the heap are not.
     */
    @Test
    void anAppendOfStreamedRowsReservesTheStreamNotItsCells() throws IOException {
        seed("log", "v1");
        MemoryBudget budget = new MemoryBudget(100_000_000, Duration.ZERO);
        EditWorkbookService service = new EditWorkbookService(metadata, store, editor, links(),
                new Limits(5_000_000, 10), committer(3, Quota.none(metadata)), budget);
        int rows = 200_000;
        WorkbookEdit.AppendRows streamed = new WorkbookEdit.AppendRows(null,
                dev.sheetsmith.domain.SheetInput.parseAppend("Sheet1", new StreamedRows(rows, 10), null));
        assertThat(streamed.data().streamed()).isTrue();
        assertThat(Limits.cells(streamed)).isEqualTo(2_000_000L);

        Edited edited = service.edit(ALICE, "log.txt", streamed);

        assertThat(edited.file().revision()).isEqualTo(2);
        assertThat(budget.reservedBytes()).isZero();
        // the reservation for loading the workbook whole takes in the stream's, which it holds
        assertThat(budget.peakBytes()).as("the window and the small file loaded whole")
                .isEqualTo(MemoryBudget.loaded(2, 0) + MemoryBudget.STREAMED_WRITE_BYTES);
        List<List<Object>> held = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            held.add(new ArrayList<>(java.util.Collections.nCopies(10, (Object) r)));
        }
        WorkbookEdit.AppendRows inHeap = new WorkbookEdit.AppendRows(null,
                dev.sheetsmith.domain.SheetInput.parseAppend("Sheet1", held, null));
        assertThatThrownBy(() -> service.edit(ALICE, "log.txt", inHeap)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("whole memory budget of 100.0 MB");
        assertThat(metadata.find("log").orElseThrow().revision()).isEqualTo(2);
    }

    /** Rows made afresh on each pass, as a large request's spilled rows are read back. */
    private static final class StreamedRows extends java.util.AbstractList<Object>
            implements dev.sheetsmith.domain.StreamedList {
        private final int rows;
        private final int columns;

        StreamedRows(int rows, int columns) {
            this.rows = rows;
            this.columns = columns;
        }

        @Override
        public Object get(int index) {
            return new ArrayList<>(java.util.Collections.nCopies(columns, (Object) index));
        }

        @Override
        public int size() {
            return rows;
        }
    }

    @Test
    void whenAnotherWriterCommitsFirstTheEditIsAppliedAgainOnTheirRevision() throws IOException {
        seed("f1", "v1");
        AtomicBoolean once = new AtomicBoolean();
        metadata.beforeCommit((updated, expected) -> {
            if (once.compareAndSet(false, true)) {
                commitElsewhere(updated, expected, "their change");
            }
        });

        Edited edited = service(10, Quota.none(metadata)).edit(ALICE, "f1", rename("Mine"));

        assertThat(edited.file().revision()).isEqualTo(3);
        assertThat(current("f1")).isEqualTo("v1\ntheir change\nrename_sheet Sheet1 -> Mine");
        assertThat(editor.applied).hasValue(2);
        assertThat(pauses).hasValue(1);
        // the bytes of the lost try are gone: surely not committed
        assertThat(unnamedBytes()).isEmpty();
        assertThat(metadata.revisions("f1")).extracting(FileRevision::revision).containsExactly(3, 2, 1);
    }

    @Test
    void aCommitThatFailsWithAnExceptionKeepsItsBytesForTheSweep() throws IOException {
        StoredFile before = seed("f1", "v1");
        metadata.beforeCommit((updated, expected) -> {
            throw new IllegalStateException("connection lost after COMMIT was sent");
        });

        assertThatThrownBy(() -> service(3, Quota.none(metadata)).edit(ALICE, "f1", rename("Two")))
                .hasMessageContaining("connection lost");

        assertThat(metadata.find("f1")).contains(before);
        // it may have been committed, so its bytes stay; the storage sweep judges them later
        assertThat(unnamedBytes()).singleElement()
                .satisfies(key -> assertThat(store.text(key)).isEqualTo("v1\nrename_sheet Sheet1 -> Two"));
    }

    @Test
    void losingEveryRaceRefusesAfterTheLastTryAndLeavesNoBytesOfItsOwn() throws IOException {
        seed("f1", "v1");
        metadata.beforeCommit(new InMemoryFileMetadataStore.BeforeCommit() {
            private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

            @Override
            public void run(StoredFile updated, int expected) {
                if (!inside.get()) {
                    inside.set(true);
                    try {
                        commitElsewhere(updated, expected, "theirs at " + expected);
                    } finally {
                        inside.set(false);
                    }
                }
            }
        });

        assertThatThrownBy(() -> service(100, Quota.none(metadata)).edit(ALICE, "f1", rename("Mine")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("f1.txt is being changed by others right now and this change could not be applied;"
                        + " nothing was changed. Try again in a moment.");

        assertThat(editor.applied).hasValue(RevisionCommitter.MAX_ATTEMPTS);
        assertThat(pauses).hasValue(RevisionCommitter.MAX_ATTEMPTS - 1);
        assertThat(current("f1")).doesNotContain("Mine");
        assertThat(unnamedBytes()).isEmpty();
    }

    @Test
    void oldRevisionsArePrunedAfterTheCommitAndTheirBytesDeleted() throws IOException {
        seed("f1", "v1");
        EditWorkbookService edits = service(2, Quota.none(metadata));
        for (String name : List.of("A", "B", "C", "D")) {
            edits.edit(ALICE, "f1", rename(name));
        }

        assertThat(metadata.revisions("f1")).extracting(FileRevision::revision).containsExactly(5, 4);
        assertThat(store.keys()).isEqualTo(metadata.allNamedKeys()).hasSize(2);
        assertThat(current("f1")).endsWith("-> D");
    }

    @Test
    void aRestoreIsANewRevisionWithTheOldContent() throws IOException {
        StoredFile first = seed("f1", "v1");
        EditWorkbookService edits = service(5, Quota.none(metadata));
        edits.edit(ALICE, "f1", rename("A"));
        edits.edit(ALICE, "f1", rename("B"));

        Edited restored = edits.restoreRevision(ALICE, "f1", 1);

        assertThat(restored.file().revision()).isEqualTo(4);
        assertThat(restored.summary()).isEqualTo("restored the content of revision 1");
        assertThat(restored.file().sha256()).isEqualTo(first.sha256());
        assertThat(restored.file().storageKey()).isNotEqualTo(first.storageKey());
        assertThat(current("f1")).isEqualTo("v1");
        assertThat(metadata.revisions("f1").get(0).change()).isEqualTo("restore_revision 1");
        assertThat(edits.listRevisions(ALICE, "f1")).extracting(FileRevision::revision).containsExactly(4, 3, 2, 1);
    }

    @Test
    void aRevisionNoLongerKeptIsRefusedNamingTheKeptOnes() throws IOException {
        seed("f1", "v1");
        EditWorkbookService edits = service(2, Quota.none(metadata));
        edits.edit(ALICE, "f1", rename("A"));
        edits.edit(ALICE, "f1", rename("B"));
        StoredFile before = metadata.find("f1").orElseThrow();

        assertThatThrownBy(() -> edits.restoreRevision(ALICE, "f1", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("revision 1 of f1.txt is not kept; kept revisions: [3, 2]");
        assertThat(metadata.find("f1")).contains(before);
    }

    @Test
    void anEditOverTheOwnersQuotaIsRefusedAndItsBytesDeleted() throws IOException {
        StoredFile before = seed("f1", "v1");
        EditWorkbookService edits = service(3, new Quota(metadata, before.sizeBytes() + 5));

        assertThatThrownBy(() -> edits.edit(ALICE, "f1", rename("Longer")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("over the storage quota");

        assertThat(metadata.find("f1")).contains(before);
        assertThat(store.keys()).containsExactly(before.storageKey());
    }

    @Test
    void concurrentEditsOfOneFileAllLandAndNoLockOutlivesThem() throws Exception {
        seed("f1", "v1");
        for (int i = 2; i <= 20; i++) {
            seed("f" + i, "v1");
        }
        RevisionCommitter revisions = committer(3, Quota.none(metadata));
        EditWorkbookService edits = new EditWorkbookService(metadata, store, editor, links(), new Limits(10_000, 10),
                revisions, MemoryBudget.unlimited());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 5; n++) {
                        edits.edit(ALICE, "f1", rename("T" + thread + "x" + n));
                        edits.edit(ALICE, "f" + (2 + (thread * 5 + n) % 19), rename("Other"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(metadata.find("f1").orElseThrow().revision()).isEqualTo(31);
        assertThat(current("f1").lines().filter(l -> l.startsWith("rename_sheet"))).hasSize(30);
        assertThat(pauses).hasValue(0);
        assertThat(revisions.lockedFiles()).isZero();
    }
}
