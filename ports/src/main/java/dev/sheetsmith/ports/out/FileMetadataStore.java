package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import java.util.List;
import java.util.Optional;

public interface FileMetadataStore {

    /** Inserts the row; false (and nothing stored) when the owner already has a file of that name. */
    boolean insertIfNameFree(StoredFile file);

    Optional<StoredFile> find(String id);

    /** The owner's files, most recently changed first. */
    List<StoredFile> listByOwner(Owner owner);

    Optional<StoredFile> findByName(Owner owner, String name);

    boolean delete(String id);
}
