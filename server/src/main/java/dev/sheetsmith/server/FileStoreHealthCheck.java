package dev.sheetsmith.server;

import com.codahale.metrics.health.HealthCheck;
import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import java.util.Objects;

/** Healthy while the file store's folder exists and is writable. */
final class FileStoreHealthCheck extends HealthCheck {

    private final FilesystemFileStore store;

    FileStoreHealthCheck(FilesystemFileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected Result check() {
        return store.isWritable() ? Result.healthy() : Result.unhealthy("file store folder is missing or read-only");
    }
}
