package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.adapters.storage.FilesDao.FileRow;
import dev.sheetsmith.adapters.storage.FilesDao.RevisionRow;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

/**
 * Files and their revisions as rows. The writes every call that changes files makes (a new file and its first
 * revision: create, upload, copy, import; a file's next revision: every edit) run as plain JDBC ({@link DirectSql})
 * and share commits with such writes running at the same time ({@link GroupCommit}): through Jdbi's SQL object
 * the insert of a 10-row create cost more CPU than H2 took to run it (the proxy, reflection, a config registry per
 * handle, template rendering, the SQL logger). The rest stays on {@link FilesDao}.
 */
public final class JdbiFileMetadataStore implements FileMetadataStore {

    private static final int MAX_NOTE = 300;
    // A conditional insert rather than catching a constraint violation: it reads the same on H2 and PostgreSQL, and
    // the unique constraint still settles a race between replicas.
    private static final String INSERT_IF_NAME_FREE = "INSERT INTO files (id, owner_id, name, format, media_type,"
            + " size_bytes, sha256, revision, storage_key, created_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM files WHERE owner_id = ? AND name = ?)";
    private static final String UPDATE_IF_REVISION = "UPDATE files SET revision = ?, size_bytes = ?, sha256 = ?,"
            + " storage_key = ?, updated_at = ? WHERE id = ? AND revision = ?";
    private static final String INSERT_REVISION = "INSERT INTO file_revisions (file_id, revision, storage_key,"
            + " size_bytes, sha256, change_note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final FilesDao dao;
    private final GroupCommit inserts;

    /** @param jdbi configured by {@link StorageJdbi#configure}; the inserts borrow its handles' connections */
    public JdbiFileMetadataStore(Jdbi jdbi) {
        this(jdbi, DirectSql.of(jdbi));
    }

    /**
     * @param jdbi configured by {@link StorageJdbi#configure}
     * @param dataSource the pool {@code jdbi} draws from, for the inserts
     */
    public JdbiFileMetadataStore(Jdbi jdbi, javax.sql.DataSource dataSource) {
        this(jdbi, DirectSql.of(dataSource));
    }

    private JdbiFileMetadataStore(Jdbi jdbi, DirectSql sql) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(FilesDao.class);
        this.inserts = new GroupCommit(sql);
    }

    @Override
    public boolean insertIfNameFree(StoredFile f) {
        FileRow file = row(f);
        RevisionRow first = revision(f, "created");
        try {
            // the file and its first revision in one transaction; nothing when the owner has a file of that name
            return inserts.write(c -> insertFile(c, file) && insertRevision(c, first));
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean insertFile(Connection c, FileRow f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_IF_NAME_FREE)) {
            ps.setString(1, f.id());
            ps.setString(2, f.ownerId());
            ps.setString(3, f.name());
            ps.setString(4, f.format());
            ps.setString(5, f.mediaType());
            ps.setLong(6, f.sizeBytes());
            ps.setString(7, f.sha256());
            ps.setInt(8, f.revision());
            ps.setString(9, f.storageKey());
            DirectSql.setInstant(ps, 10, f.createdAt());
            DirectSql.setInstant(ps, 11, f.updatedAt());
            ps.setString(12, f.ownerId());
            ps.setString(13, f.name());
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean insertRevision(Connection c, RevisionRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REVISION)) {
            ps.setString(1, r.fileId());
            ps.setInt(2, r.revision());
            ps.setString(3, r.storageKey());
            ps.setLong(4, r.sizeBytes());
            ps.setString(5, r.sha256());
            DirectSql.setString(ps, 6, r.changeNote());
            DirectSql.setInstant(ps, 7, r.createdAt());
            ps.executeUpdate();
            return true;
        }
    }

    @Override
    public boolean commitRevision(StoredFile f, int expectedRevision, String change) {
        FileRow file = row(f);
        RevisionRow revision = revision(f, change);
        // the file's new state and its revision in one transaction, if the file is still at expectedRevision
        return inserts.write(c -> updateIfRevision(c, file, expectedRevision) && insertRevision(c, revision));
    }

    private static boolean updateIfRevision(Connection c, FileRow f, int expectedRevision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_IF_REVISION)) {
            ps.setInt(1, f.revision());
            ps.setLong(2, f.sizeBytes());
            ps.setString(3, f.sha256());
            ps.setString(4, f.storageKey());
            DirectSql.setInstant(ps, 5, f.updatedAt());
            ps.setString(6, f.id());
            ps.setInt(7, expectedRevision);
            return ps.executeUpdate() == 1;
        }
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
            if (uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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
