package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.adapters.storage.FilesDao.FileRow;
import dev.sheetsmith.adapters.storage.FilesDao.RevisionRow;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** @param jdbi configured by {@link StorageJdbi#configure} */
public final class JdbiFileMetadataStore implements FileMetadataStore {

    private static final int MAX_NOTE = 300;

    private final FilesDao dao;

    public JdbiFileMetadataStore(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(FilesDao.class);
    }

    @Override
    public boolean insertIfNameFree(StoredFile f) {
        return falseOnUniqueViolation(() -> dao.insertWithRevision(row(f), revision(f, "created")));
    }

    @Override
    public boolean commitRevision(StoredFile f, int expectedRevision, String change) {
        return dao.commitRevision(row(f), expectedRevision, revision(f, change));
    }

    @Override
    public List<FileRevision> revisions(String fileId) {
        return dao.revisions(fileId).stream().map(JdbiFileMetadataStore::revision).toList();
    }

    @Override
    public List<FileRevision> pruneRevisions(String fileId, int keep) {
        return dao.pruneRevisions(fileId, keep).stream().map(JdbiFileMetadataStore::revision).toList();
    }

    @Override
    public Set<String> namedKeys(Collection<String> keys) {
        return keys.isEmpty() ? Set.of() : dao.namedKeys(keys);
    }

    @Override
    public List<StoredFile> page(Owner owner, String nameContains, Instant changedSince, String afterId, int limit) {
        String pattern = nameContains == null ? null
                : "%" + nameContains.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return files(dao.page(owner == null ? null : owner.id(), pattern, changedSince, afterId, limit));
    }

    @Override
    public List<StoredFile> unchangedSince(Instant cutoff, int limit) {
        return files(dao.unchangedSince(cutoff, limit));
    }

    @Override
    public long bytesOf(Owner owner) {
        return dao.bytesOf(owner.id());
    }

    @Override
    public List<OwnerUsage> usageByOwner() {
        return dao.usageByOwner().stream()
                .map(u -> new OwnerUsage(new Owner(u.ownerId()), u.files(), u.bytes(), 0, u.changed())).toList();
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return dao.find(id).map(JdbiFileMetadataStore::file);
    }

    @Override
    public List<StoredFile> listByOwner(Owner owner) {
        return files(dao.listByOwner(owner.id()));
    }

    @Override
    public Optional<StoredFile> findByName(Owner owner, String name) {
        return dao.findByName(owner.id(), name).map(JdbiFileMetadataStore::file);
    }

    @Override
    public boolean delete(String id) {
        return dao.delete(id);
    }

    @Override
    public boolean moveIfNameFree(String id, Owner from, Owner to, String name) {
        return falseOnUniqueViolation(() -> dao.moveIfNameFree(id, from.id(), to.id(), name) == 1);
    }

    /** A conditional write that lost to a concurrent one on the unique (owner, name) constraint changed nothing. */
    private static boolean falseOnUniqueViolation(Supplier<Boolean> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return false;
                }
            }
            throw e;
        }
    }

    private static FileRow row(StoredFile f) {
        return new FileRow(f.id(), f.owner().id(), f.name(), f.format(), f.mediaType(), f.sizeBytes(), f.sha256(),
                f.revision(), f.storageKey(), f.created(), f.updated());
    }

    private static RevisionRow revision(StoredFile f, String change) {
        String note = change == null || change.length() <= MAX_NOTE ? change : change.substring(0, MAX_NOTE);
        return new RevisionRow(f.id(), f.revision(), f.storageKey(), f.sizeBytes(), f.sha256(), note, f.updated());
    }

    private static List<StoredFile> files(List<FileRow> rows) {
        return rows.stream().map(JdbiFileMetadataStore::file).toList();
    }

    private static StoredFile file(FileRow r) {
        return new StoredFile(r.id(), new Owner(r.ownerId()), r.name(), r.format(), r.mediaType(), r.sizeBytes(),
                r.sha256(), r.revision(), r.storageKey(), r.createdAt(), r.updatedAt());
    }

    private static FileRevision revision(RevisionRow r) {
        return new FileRevision(r.fileId(), r.revision(), r.storageKey(), r.sizeBytes(), r.sha256(), r.createdAt(),
                r.changeNote());
    }
}
