package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The FileMetadataStore port in maps, with the same conditional semantics as the database one
 * (a commit only over the expected revision; pruning returns only bytes no row names). A hook
 * runs before each commit, so a test can play another replica that commits first, or a
 * connection that fails.
 */
final class InMemoryFileMetadataStore implements FileMetadataStore {

    /** Runs before each commitRevision, outside the store's lock (so it may commit itself). */
    interface BeforeCommit {
        void run(StoredFile updated, int expectedRevision);
    }

    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, List<FileRevision>> revisions = new LinkedHashMap<>();
    private volatile BeforeCommit beforeCommit = (updated, expected) -> { };
    int commitCalls;

    private RuntimeException insertFailure;

    /** Every insert fails with {@code failure} from now on (a lost connection). */
    synchronized void failInserts(RuntimeException failure) {
        this.insertFailure = failure;
    }

    void beforeCommit(BeforeCommit hook) {
        this.beforeCommit = hook;
    }

    @Override
    public synchronized boolean insertIfNameFree(StoredFile file) {
        if (insertFailure != null) {
            throw insertFailure;
        }
        if (findByName(file.owner(), file.name()).isPresent()) {
            return false;
        }
        files.put(file.id(), file);
        revisions.computeIfAbsent(file.id(), id -> new ArrayList<>()).add(revision(file, "created"));
        return true;
    }

    @Override
    public synchronized Optional<StoredFile> find(String id) {
        return Optional.ofNullable(files.get(id));
    }

    @Override
    public synchronized List<StoredFile> listByOwner(Owner owner) {
        return files.values().stream().filter(f -> f.owner().equals(owner))
                .sorted(Comparator.comparing(StoredFile::updated).reversed()).toList();
    }

    @Override
    public synchronized Optional<StoredFile> findByName(Owner owner, String name) {
        return files.values().stream().filter(f -> f.owner().equals(owner) && f.name().equals(name)).findFirst();
    }

    @Override
    public synchronized boolean delete(String id) {
        revisions.remove(id);
        return files.remove(id) != null;
    }

    @Override
    public boolean commitRevision(StoredFile updated, int expectedRevision, String change) {
        beforeCommit.run(updated, expectedRevision);
        synchronized (this) {
            commitCalls++;
            StoredFile current = files.get(updated.id());
            if (current == null || current.revision() != expectedRevision) {
                return false;
            }
            files.put(updated.id(), updated);
            revisions.get(updated.id()).add(revision(updated, change));
            return true;
        }
    }

    @Override
    public synchronized List<FileRevision> revisions(String fileId) {
        return revisions.getOrDefault(fileId, List.of()).stream()
                .sorted(Comparator.comparingInt(FileRevision::revision).reversed()).toList();
    }

    @Override
    public synchronized List<StoredFile> page(Owner owner, String nameContains, Instant changedSince, String afterId,
            int limit) {
        throw new UnsupportedOperationException("not used by the services under test");
    }

    @Override
    public synchronized List<StoredFile> unchangedSince(Instant cutoff, int limit) {
        return files.values().stream().filter(f -> f.updated().isBefore(cutoff)).limit(limit).toList();
    }

    @Override
    public synchronized long bytesOf(Owner owner) {
        return files.values().stream().filter(f -> f.owner().equals(owner)).mapToLong(StoredFile::sizeBytes).sum();
    }

    @Override
    public synchronized List<OwnerUsage> usageByOwner() {
        throw new UnsupportedOperationException("not used by the services under test");
    }

    @Override
    public synchronized boolean moveIfNameFree(String id, Owner from, Owner to, String name) {
        StoredFile file = files.get(id);
        if (file == null || !file.owner().equals(from) || findByName(to, name).isPresent()) {
            return false;
        }
        files.put(id, new StoredFile(id, to, name, file.format(), file.mediaType(), file.sizeBytes(), file.sha256(),
                file.revision(), file.storageKey(), file.created(), file.updated()));
        return true;
    }

    @Override
    public synchronized List<FileRevision> pruneRevisions(String fileId, int keep) {
        List<FileRevision> newestFirst = revisions(fileId);
        if (newestFirst.size() <= keep) {
            return List.of();
        }
        List<FileRevision> old = newestFirst.subList(keep, newestFirst.size());
        revisions.get(fileId).removeAll(old);
        Set<String> named = namedKeys(old.stream().map(FileRevision::storageKey).toList());
        return old.stream().filter(r -> !named.contains(r.storageKey())).toList();
    }

    @Override
    public synchronized Set<String> namedKeys(Collection<String> keys) {
        Set<String> named = new HashSet<>();
        files.values().forEach(f -> named.add(f.storageKey()));
        revisions.values().forEach(list -> list.forEach(r -> named.add(r.storageKey())));
        return keys.stream().filter(named::contains).collect(Collectors.toSet());
    }

    /** Every key a file or a kept revision names. */
    synchronized Set<String> allNamedKeys() {
        Set<String> named = new HashSet<>();
        files.values().forEach(f -> named.add(f.storageKey()));
        revisions.values().forEach(list -> list.forEach(r -> named.add(r.storageKey())));
        return named;
    }

    private static FileRevision revision(StoredFile f, String change) {
        return new FileRevision(f.id(), f.revision(), f.storageKey(), f.sizeBytes(), f.sha256(), f.updated(), change);
    }
}
