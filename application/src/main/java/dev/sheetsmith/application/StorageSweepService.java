package dev.sheetsmith.application;

import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.ScratchSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes stored bytes that no file and no kept revision names: what a crash between writing the
 * bytes and committing the row that names them leaves behind (and a delete cut short). The bytes of
 * a change are always stored before the commit that names them, so the sweep only takes keys older
 * than a safety age: a write of this or another replica still on its way to its commit is younger.
 * It never deletes what a row names, and only keys of the form Sheetsmith writes. Safe on several
 * replicas at once.
 */
public final class StorageSweepService {

    /** {@code <32 hex file id>/r<revision>[-<8 hex>].<extension>}, as CreateWorkbookService and EditWorkbookService write. */
    static final Pattern OUR_KEY = Pattern.compile("[0-9a-f]{32}/r[0-9]+(-[0-9a-f]{8})?\\.[A-Za-z0-9]+");
    /** A revision's read index ({@link ReadIndexes}): removed once no row names the revision it was built from. */
    static final Pattern INDEX_KEY = Pattern.compile("(" + OUR_KEY.pattern() + ")\\.ri[0-9]+");
    static final int BATCH = 500;

    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final ScratchSpace scratch;
    private final Duration safetyAge;
    private final Clock clock;

    public StorageSweepService(FileMetadataStore metadata, FileStore fileStore, Duration safetyAge, Clock clock) {
        this(metadata, fileStore, null, safetyAge, clock);
    }

    /** @param scratch whose leftovers (temporary files of calls a killed process left) go too; null: none */
    public StorageSweepService(FileMetadataStore metadata, FileStore fileStore, ScratchSpace scratch, Duration safetyAge,
            Clock clock) {
        this.scratch = scratch;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.safetyAge = Objects.requireNonNull(safetyAge, "safetyAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (safetyAge.isNegative() || safetyAge.isZero()) {
            throw new IllegalArgumentException("the safety age must be positive");
        }
    }

    /** What one sweep found and removed. */
    public record Swept(long keys, int orphansDeleted, int unfinishedWritesRemoved, int scratchRemoved) {
    }

    public Swept sweep() {
        Instant cutoff = clock.instant().minus(safetyAge);
        try {
            int unfinished = fileStore.removeUnfinishedWrites(cutoff);
            int leftovers = scratch == null ? 0 : scratch.removeLeftovers(cutoff);
            long[] seen = {0};
            int[] deleted = {0};
            List<String> candidates = new ArrayList<>();
            fileStore.list(stored -> {
                seen[0]++;
                if (!stored.modified().isBefore(cutoff)) {
                    return;
                }
                java.util.regex.Matcher index = INDEX_KEY.matcher(stored.key());
                if (OUR_KEY.matcher(stored.key()).matches() || index.matches()) {
                    candidates.add(stored.key());
                    if (candidates.size() >= BATCH) {
                        deleted[0] += deleteUnnamed(candidates);
                        candidates.clear();
                    }
                }
            });
            deleted[0] += deleteUnnamed(candidates);
            return new Swept(seen[0], deleted[0], unfinished, leftovers);
        } catch (IOException e) {
            throw new UncheckedIOException("the storage sweep could not list the store", e);
        }
    }

    private int deleteUnnamed(List<String> candidates) {
        if (candidates.isEmpty()) {
            return 0;
        }
        List<String> revisions = candidates.stream().map(StorageSweepService::revisionKey).distinct().toList();
        var named = metadata.namedKeys(revisions);
        int deleted = 0;
        for (String key : candidates) {
            if (!named.contains(revisionKey(key))) {
                try {
                    fileStore.delete(key);
                    deleted++;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete unnamed bytes " + key, e);
                }
            }
        }
        return deleted;
    }

    /** The revision a key belongs to: itself, or the revision an index was built from. */
    private static String revisionKey(String key) {
        java.util.regex.Matcher index = INDEX_KEY.matcher(key);
        return index.matches() ? index.group(1) : key;
    }
}
