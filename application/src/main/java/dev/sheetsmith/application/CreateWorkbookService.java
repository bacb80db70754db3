package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileNames;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.ScratchSpace;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.ports.out.WorkbookEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Validates, writes and records a new file. Name policy: a name the owner already uses is never
 * overwritten; the new file gets the first free "name (2).xlsx", "name (3).xlsx", ... and the
 * result says so.
 */
public final class CreateWorkbookService implements CreateWorkbookUseCase {

    static final int MAX_NAME_ATTEMPTS = 1000;

    private final FormatRegistry formats;
    private final FileStore fileStore;
    private final FileMetadataStore metadata;
    private final DownloadLinks links;
    private final Limits limits;
    private final Clock clock;
    private final Quota quota;
    private final WorkbookEditor editor;
    private final MemoryBudget budget;
    private final ScratchSpace scratch;

    /**
     * @param editor applies a command's finishing edits (formatting) to the formats it edits
     * @param scratch holds the plain workbook while the finished one is written to the store
     * @param budget reserved before a workbook is written: its cells, twice when it is finished (loaded again)
     */
    public CreateWorkbookService(FormatRegistry formats, FileStore fileStore, FileMetadataStore metadata,
            DownloadLinks links, Limits limits, Clock clock, Quota quota, WorkbookEditor editor, ScratchSpace scratch,
            MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.links = Objects.requireNonNull(links, "links");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreatedWorkbook createWorkbook(CreateWorkbookCommand command) {
        FormatPlugin format = formats.require(command.format());
        limits.check(command.workbook());
        if (command.workbook().sheets().size() > format.maxSheets()) {
            throw new InvalidInputException("a " + format.id() + " file holds " + format.maxSheets() + " sheet"
                    + (format.maxSheets() == 1 ? "" : "s") + "; this workbook has " + command.workbook().sheets().size()
                    + ". Use xlsx or ods for several sheets");
        }
        String requested = FileNames.sanitize(command.filename(), format.extension());
        boolean finish = !command.finishing().isEmpty();
        if (finish && !editor.edits(format.id())) {
            throw new InvalidInputException("formatting is for xlsx files; leave it out for " + format.id());
        }
        command.finishing().forEach(limits::check);
        long cells = command.workbook().cellCount();
        // Streamed rows (a large request's, on disk) are written through a window of rows, unless
        // formulas make the writer hold the workbook whole; finishing edits load the written file.
        long held = command.workbook().sheets().stream().mapToLong(s -> streamedWithoutFormulas(s) ? 0 : s.cellCount())
                .sum();
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.cells(finish ? cells + held : held)
                + (held < cells ? MemoryBudget.STREAMED_WRITE_BYTES : 0),
                "creating " + requested + " (" + cells + " cells)")) {
            return write(command, format, requested, finish);
        } catch (InvalidFileException e) {
            throw Views.refusal(e);
        }
    }

    private static boolean streamedWithoutFormulas(dev.sheetsmith.domain.SheetData sheet) {
        return sheet.streamed() && !sheet.hasFormulas();
    }

    private CreatedWorkbook write(CreateWorkbookCommand command, FormatPlugin format, String requested,
            boolean finish) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String key = id + "/r1." + format.extension();
        FileStore.Written written;
        try {
            if (finish) {
                try (ScratchSpace.Scratch plain = scratch.hold(out -> format.write(Views.of(command.workbook()), out))) {
                    written = fileStore.write(key, out -> {
                        try (InputStream in = plain.open()) {
                            editor.applyAll(in, command.finishing(), out);
                        }
                    });
                }
            } else {
                written = fileStore.write(key, out -> format.write(Views.of(command.workbook()), out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the file", e);
        }

        Instant now = clock.instant();
        StoredFile file = new StoredFile(id, command.owner(), requested, format.id(), format.mediaType(),
                written.sizeBytes(), written.sha256(), 1, key, now, now);
        StoredFile stored;
        try {
            quota.check(command.owner(), file.sizeBytes());
            stored = record(file, requested);
        } catch (InvalidInputException e) {
            // over quota, or every name taken: no row names the bytes
            deleteQuietly(key);
            throw e;
        }
        // Any other failure of the insert may still have committed it (a connection lost after
        // COMMIT was sent): the bytes stay, and the storage sweep removes them if no row names them.
        var sheets = command.workbook().sheets().stream()
                .map(s -> new CreatedWorkbook.SheetSummary(s.name(), s.rowCount(), s.columnCount(), s.hasHeaderRow()))
                .toList();
        return new CreatedWorkbook(stored, sheets, links.linkFor(stored.id(), stored.name()), requested);
    }

    @Override
    public CreatedWorkbook storeDocument(dev.sheetsmith.domain.Owner owner, String filename, String format,
            String extension, String mediaType, byte[] bytes) {
        String requested = FileNames.sanitize(filename, extension);
        String id = UUID.randomUUID().toString().replace("-", "");
        String key = id + "/r1." + extension;
        FileStore.Written written;
        try {
            written = fileStore.write(key, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the file", e);
        }
        Instant now = clock.instant();
        StoredFile file = new StoredFile(id, owner, requested, format, mediaType, written.sizeBytes(),
                written.sha256(), 1, key, now, now);
        StoredFile stored;
        try {
            quota.check(owner, file.sizeBytes());
            stored = record(file, requested);
        } catch (InvalidInputException e) {
            deleteQuietly(key);
            throw e;
        }
        return new CreatedWorkbook(stored, java.util.List.of(), links.linkFor(stored.id(), stored.name()), requested);
    }

    private StoredFile record(StoredFile file, String requested) {
        return recordUnderFreeName(metadata, file, requested);
    }

    /** Records {@code file} under {@code requested}, or the first free "name (n).ext" when that is taken. */
    static StoredFile recordUnderFreeName(FileMetadataStore metadata, StoredFile file, String requested) {
        for (int n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
            StoredFile candidate = n == 1 ? file : file.withName(FileNames.numbered(requested, n));
            if (metadata.insertIfNameFree(candidate)) {
                return candidate;
            }
        }
        throw new InvalidInputException("there are already " + MAX_NAME_ATTEMPTS + " files named like '" + requested
                + "'; choose another filename");
    }

    private void deleteQuietly(String key) {
        try {
            fileStore.delete(key);
        } catch (IOException ignored) {
            // the bytes stay orphaned; no metadata row points at them
        }
    }
}
