package dev.sheetsmith.application;

import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.DownloadFileUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

public final class DownloadFileService implements DownloadFileUseCase {

    private final DownloadLinks links;
    private final FileMetadataStore metadata;
    private final FileStore fileStore;

    public DownloadFileService(DownloadLinks links, FileMetadataStore metadata, FileStore fileStore) {
        this.links = Objects.requireNonNull(links, "links");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
    }

    @Override
    public Download download(String fileId, String name, long expiresEpochSecond, String signature) {
        // The signature is checked first, so a wrong link tells nothing about which files exist.
        if (!links.verify(fileId, name, expiresEpochSecond, signature)) {
            throw new AccessDeniedException("this download link is invalid or has expired; ask the assistant for a fresh link");
        }
        StoredFile file = metadata.find(fileId).filter(f -> f.name().equals(name))
                .orElseThrow(() -> new NotFoundException("this file no longer exists"));
        return new Download() {
            @Override
            public StoredFile file() {
                return file;
            }

            @Override
            public InputStream open() throws IOException {
                return fileStore.open(file.storageKey());
            }
        };
    }
}
