package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.WorkbookEditor;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Applies edits and restores as new revisions, each through the {@link RevisionCommitter} (which
 * retries against concurrent writers and keeps the byte/row durability rules).
 */
public final class EditWorkbookService implements EditWorkbookUseCase {

    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final WorkbookEditor editor;
    private final DownloadLinks links;
    private final Limits limits;
    private final RevisionCommitter revisions;
    private final FileResolver resolver;
    private final MemoryBudget budget;

    /** @param budget reserved before an edit loads the workbook: its stored size loaded whole, and the edit's cells */
    public EditWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookEditor editor,
            DownloadLinks links, Limits limits, RevisionCommitter revisions, MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.links = Objects.requireNonNull(links, "links");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.revisions = Objects.requireNonNull(revisions, "revisions");
        this.resolver = new FileResolver(metadata);
    }

    @Override
    public Edited edit(Owner owner, String fileRef, WorkbookEdit edit) {
        limits.check(edit);
        StoredFile file = editable(resolver.resolve(owner, fileRef));
        // What an edit made on the stream takes first; the editor asks for the workbook loaded whole
        // (its stored size times what POI's user model takes per byte) only when it must load it.
        String what = "changing " + file.name() + " (" + file.sizeBytes() + " bytes stored)";
        long cells = heldCells(edit);
        // Rows streamed from a large request (spilled to disk) go to the writer one at a time on
        // either path (the sheet part rewritten, or POI's window of rows): only the window counts.
        long window = cells < Limits.cells(edit) ? MemoryBudget.STREAMED_WRITE_BYTES : 0;
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.streamedEdit(cells), what)) {
            List<MemoryBudget.Reservation> whole = new java.util.ArrayList<>(1);
            try {
                RevisionCommitter.Committed<String> done = revisions.commitNext(file, edit.describe(), "this change",
                        (current, out) -> {
                            try (InputStream in = fileStore.open(current.storageKey())) {
                                return editor.apply(in, edit, out, () -> {
                                    if (whole.isEmpty()) {
                                        whole.add(budget.reserve(MemoryBudget.loaded(current.sizeBytes(), cells)
                                                + window, what));
                                    }
                                });
                            }
                        });
                return edited(done.file(), done.account());
            } finally {
                whole.forEach(MemoryBudget.Reservation::close);
            }
        }
    }

    /**
     * The edit's cells the heap holds while it runs: all of them, except an append of streamed
     * rows, which are read from disk afresh as they are written.
     */
    static long heldCells(WorkbookEdit edit) {
        if (edit instanceof WorkbookEdit.AppendRows append && append.data().streamed()) {
            return append.data().headers().size();
        }
        return Limits.cells(edit);
    }

    @Override
    public List<FileRevision> listRevisions(Owner owner, String fileRef) {
        return metadata.revisions(resolver.resolve(owner, fileRef).id());
    }

    @Override
    public Edited restoreRevision(Owner owner, String fileRef, int revision) {
        StoredFile file = resolver.resolve(owner, fileRef);
        return revisions.locked(file.id(), () -> {
            List<FileRevision> kept = metadata.revisions(file.id());
            FileRevision wanted = kept.stream().filter(r -> r.revision() == revision).findFirst()
                    .orElseThrow(() -> new InvalidInputException("revision " + revision + " of " + file.name()
                            + " is not kept; kept revisions: " + kept.stream().map(FileRevision::revision).toList()));
            StoredFile restored = revisions.commitNext(file, "restore_revision " + revision, "the restore",
                    revisions.copyOf(wanted.storageKey())).file();
            return edited(restored, "restored the content of revision " + revision);
        });
    }

    private Edited edited(StoredFile file, String summary) {
        return new Edited(file, links.linkFor(file.id(), file.name()), summary);
    }

    private StoredFile editable(StoredFile file) {
        if (!editor.edits(file.format())) {
            throw new InvalidInputException(file.name() + " is a " + file.format() + " file; only "
                    + String.join(", ", new java.util.TreeSet<>(editor.formats())) + " workbooks can be changed");
        }
        return file;
    }
}
