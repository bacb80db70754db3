package dev.sheetsmith.server;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Times every file-store call ({@code storage.<kind>.write|open|delete} on /metrics), e.g. S3 latencies. */
final class TimedFileStore implements FileStore {

    private final FileStore delegate;
    private final Timer writes;
    private final Timer opens;
    private final Timer deletes;

    TimedFileStore(FileStore delegate, MetricRegistry metrics, String kind) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.writes = metrics.timer(MetricRegistry.name("storage", kind, "write"));
        this.opens = metrics.timer(MetricRegistry.name("storage", kind, "open"));
        this.deletes = metrics.timer(MetricRegistry.name("storage", kind, "delete"));
    }

    @Override
    public Written write(String key, BodyWriter body) throws IOException {
        try (Timer.Context ignored = writes.time()) {
            return delegate.write(key, body);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try (Timer.Context ignored = opens.time()) {
            return delegate.open(key);
        }
    }

    @Override
    public void list(java.util.function.Consumer<StoredKey> each) throws IOException {
        delegate.list(each);
    }

    @Override
    public int removeUnfinishedWrites(java.time.Instant cutoff) throws IOException {
        return delegate.removeUnfinishedWrites(cutoff);
    }

    @Override
    public void delete(String key) throws IOException {
        try (Timer.Context ignored = deletes.time()) {
            delegate.delete(key);
        }
    }
}
