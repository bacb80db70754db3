package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

public final class ManageFilesService implements ManageFilesUseCase {

    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final DownloadLinks links;
    private final FileResolver resolver;

    public ManageFilesService(FileMetadataStore metadata, FileStore fileStore, DownloadLinks links) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.links = Objects.requireNonNull(links, "links");
        this.resolver = new FileResolver(metadata);
    }

    @Override
    public List<LinkedFile> listFiles(Owner owner) {
        return metadata.listByOwner(owner).stream().map(this::linked).toList();
    }

    @Override
    public LinkedFile downloadLink(Owner owner, String fileRef) {
        return linked(resolver.resolve(owner, fileRef));
    }

    @Override
    public StoredFile deleteFile(Owner owner, String fileRef) {
        StoredFile file = resolver.resolve(owner, fileRef);
        List<FileRevision> revisions = metadata.revisions(file.id());
        // The rows go first: once they are gone no link works, even if removing the bytes fails.
        if (metadata.delete(file.id())) {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            keys.add(file.storageKey());
            revisions.forEach(r -> keys.add(r.storageKey()));
            // Bytes that some row still names stay, whatever came to share them.
            keys.removeAll(metadata.namedKeys(keys));
            for (String key : keys) {
                try {
                    fileStore.delete(key);
                } catch (IOException e) {
                    // orphaned bytes are harmless: nothing points at them
                }
            }
        }
        return file;
    }

    private LinkedFile linked(StoredFile file) {
        return new LinkedFile(file, links.linkFor(file.id(), file.name()));
    }
}
