package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** New files over in-memory ports: finishing through scratch space, names, quota. */
class CreateWorkbookServiceTest {

    private static final Owner ALICE = new Owner("alice");

    private final InMemoryFileMetadataStore metadata = new InMemoryFileMetadataStore();
    private final InMemoryFileStore store = new InMemoryFileStore();
    private final TextWorkbooks.MemoryScratch scratch = new TextWorkbooks.MemoryScratch();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private CreateWorkbookService service(Quota quota) {
        return new CreateWorkbookService(
                new FormatRegistry(List.of(new TextWorkbooks.TextFormat("txt"), new TextWorkbooks.TextFormat("log"))),
                store, metadata, new DownloadLinks(new byte[32], Duration.ofMinutes(5), clock), new Limits(10_000, 10),
                clock, quota, new TextWorkbooks.TextEditor(), scratch, MemoryBudget.unlimited());
    }

    private static WorkbookData oneSheet() {
        return new WorkbookData(List.of(new SheetData("Data", List.of("a"), List.of())));
    }

    @Test
    void finishingEditsRunOverTheScratchCopyAndTheScratchIsFreed() {
        CreatedWorkbook created = service(Quota.none(metadata)).createWorkbook(new CreateWorkbookCommand(ALICE,
                "report.txt", "txt", oneSheet(), List.of(new WorkbookEdit.RenameSheet("Data", "Report"))));

        assertThat(store.text(created.file().storageKey())).isEqualTo("sheet Data\nrename_sheet Data -> Report");
        byte[] stored = store.text(created.file().storageKey()).getBytes(StandardCharsets.UTF_8);
        assertThat(created.file().sizeBytes()).isEqualTo(stored.length);
        assertThat(created.file().sha256()).isEqualTo(InMemoryFileStore.sha256(stored));
        assertThat(scratch.used).hasValue(1);
        assertThat(scratch.held).hasValue(0);
    }

    @Test
    void aPlainWorkbookNeedsNoScratch() {
        CreatedWorkbook created = service(Quota.none(metadata))
                .createWorkbook(new CreateWorkbookCommand(ALICE, "plain.txt", "txt", oneSheet()));

        assertThat(store.text(created.file().storageKey())).isEqualTo("sheet Data");
        assertThat(scratch.used).hasValue(0);
    }

    @Test
    void finishingIsRefusedForAFormatTheEditorDoesNotEdit() {
        assertThatThrownBy(() -> service(Quota.none(metadata)).createWorkbook(new CreateWorkbookCommand(ALICE,
                "x.log", "log", oneSheet(), List.of(new WorkbookEdit.RenameSheet("Data", "R")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("leave it out for log");
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aTakenNameGetsTheNextNumber() {
        CreateWorkbookService creates = service(Quota.none(metadata));
        creates.createWorkbook(new CreateWorkbookCommand(ALICE, "a.txt", "txt", oneSheet()));

        CreatedWorkbook second = creates.createWorkbook(new CreateWorkbookCommand(ALICE, "a.txt", "txt", oneSheet()));

        assertThat(second.file().name()).isEqualTo("a (2).txt");
    }

    @Test
    void aNewFileOverTheQuotaIsRefusedAndItsBytesDeleted() {
        assertThatThrownBy(() -> service(new Quota(metadata, 3))
                .createWorkbook(new CreateWorkbookCommand(ALICE, "big.txt", "txt", oneSheet())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("over the storage quota");
        assertThat(store.keys()).isEmpty();
        assertThat(metadata.listByOwner(ALICE)).isEmpty();
    }

    @Test
    void aFailingInsertKeepsTheBytesItMayHaveCommitted() {
        metadata.failInserts(new IllegalStateException("connection lost after COMMIT was sent"));

        assertThatThrownBy(() -> service(Quota.none(metadata))
                .createWorkbook(new CreateWorkbookCommand(ALICE, "a.txt", "txt", oneSheet())))
                .hasMessageContaining("connection lost");
        // the insert may have happened: the bytes stay for the storage sweep to judge
        assertThat(store.keys()).singleElement().satisfies(key -> assertThat(store.text(key)).isEqualTo("sheet Data"));
    }
}
