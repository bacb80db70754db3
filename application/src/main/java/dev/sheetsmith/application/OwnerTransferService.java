package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileNames;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Moves an owner's files to another owner, one conditional update per file: a name the new owner
 * already uses gets the same " (2)" that a new file of that name would get, so nothing is
 * overwritten. Oldest files first, so the first of several same-named files keeps its name.
 * Sessions are not moved: they belong to whoever opened them.
 */
public final class OwnerTransferService implements TransferFilesUseCase {

    private final FileMetadataStore metadata;
    private final AuditUseCase audit;

    public OwnerTransferService(FileMetadataStore metadata, AuditUseCase audit) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Transfer transferFiles(TransferFilesCommand command) {
        List<StoredFile> files = new ArrayList<>(metadata.listByOwner(command.from()));
        files.sort(Comparator.comparing(StoredFile::created).thenComparing(StoredFile::id));
        List<Moved> moved = new ArrayList<>();
        for (StoredFile file : files) {
            String name = move(file, command);
            if (name == null) {
                continue; // deleted or moved by someone else meanwhile
            }
            moved.add(new Moved(file.id(), file.name(), name));
            audit.record(command.to().id(), command.actor(), "owner.transfer", file.id(), "from owner "
                    + command.from().id() + (name.equals(file.name()) ? "" : ", renamed from '" + file.name()
                    + "' to '" + name + "'"));
        }
        return new Transfer(command.from(), command.to(), moved);
    }

    /** The name the file now has under its new owner; null when it no longer belongs to the old one. */
    private String move(StoredFile file, TransferFilesCommand command) {
        for (int n = 1; n <= CreateWorkbookService.MAX_NAME_ATTEMPTS; n++) {
            String name = n == 1 ? file.name() : FileNames.numbered(file.name(), n);
            if (metadata.moveIfNameFree(file.id(), command.from(), command.to(), name)) {
                return name;
            }
            if (metadata.find(file.id()).filter(f -> f.owner().equals(command.from())).isEmpty()) {
                return null;
            }
        }
        throw new InvalidInputException("'" + command.to().id() + "' already has " + CreateWorkbookService
                .MAX_NAME_ATTEMPTS + " files named like '" + file.name() + "'; rename or delete some and try again");
    }
}
