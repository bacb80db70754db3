package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds an owner's file by what an assistant calls it: its id, its exact name, the name without
 * ".xlsx", or the name in another case when that is unambiguous. Another owner's file is not found,
 * exactly like one that does not exist.
 */
final class FileResolver {

    private final FileMetadataStore metadata;

    FileResolver(FileMetadataStore metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    StoredFile resolve(Owner owner, String fileRef) {
        if (fileRef == null || fileRef.isBlank()) {
            throw new InvalidInputException("'file' is required: a file id or name from list_files");
        }
        String ref = fileRef.strip();
        Optional<StoredFile> byId = metadata.find(ref).filter(f -> f.owner().equals(owner));
        if (byId.isPresent()) {
            return byId.get();
        }
        Optional<StoredFile> byName = metadata.findByName(owner, ref);
        if (byName.isEmpty() && !ref.contains(".")) {
            byName = metadata.findByName(owner, ref + ".xlsx");
        }
        if (byName.isPresent()) {
            return byName.get();
        }
        String wanted = ref.toLowerCase(Locale.ROOT);
        List<StoredFile> similar = metadata.listByOwner(owner).stream().filter(f -> {
            String name = f.name().toLowerCase(Locale.ROOT);
            return name.equals(wanted) || name.equals(wanted + ".xlsx");
        }).toList();
        if (similar.size() == 1) {
            return similar.get(0);
        }
        throw new NotFoundException("no file '" + ref + "' among your files; list_files shows their names and ids");
    }
}
