package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The files and file_revisions tables, for everything but the writes of a new file or revision (plain JDBC in
 * {@link JdbiFileMetadataStore}). Pruning revisions is one transaction (the default method); everything else is one
 * statement.
 */
@RegisterConstructorMapper(FilesDao.FileRow.class)
@RegisterConstructorMapper(FilesDao.RevisionRow.class)
@RegisterConstructorMapper(FilesDao.FileUsageRow.class)
public interface FilesDao {

    int KEY_BATCH = 500;

    /** One row of files. */
    record FileRow(String id, String ownerId, String name, String format, String mediaType, long sizeBytes,
            String sha256, int revision, String storageKey, Instant createdAt, Instant updatedAt) {
    }

    /** One row of file_revisions. */
    record RevisionRow(String fileId, int revision, String storageKey, long sizeBytes, String sha256,
            String changeNote, Instant createdAt) {
    }

    /** Files, bytes and last change of one owner. */
    record FileUsageRow(String ownerId, long files, long bytes, Instant changed) {
    }

    @SqlQuery("SELECT * FROM file_revisions WHERE file_id = :id ORDER BY revision DESC")
    List<RevisionRow> revisions(@Bind("id") String fileId);

    @SqlUpdate("DELETE FROM file_revisions WHERE file_id = :id AND revision = :revision")
    void deleteRevision(@Bind("id") String fileId, @Bind("revision") int revision);

    /** Forgets all but the newest {@code keep} revisions; returns the forgotten ones whose bytes no row names. */
    @Transaction
    default List<RevisionRow> pruneRevisions(String fileId, int keep) {
        List<RevisionRow> all = revisions(fileId);
        if (all.size() <= keep) {
            return List.of();
        }
        List<RevisionRow> old = all.subList(keep, all.size());
        old.forEach(r -> deleteRevision(fileId, r.revision()));
        // Bytes that a row still names stay, however they came to be shared.
        Set<String> named = namedKeys(old.stream().map(RevisionRow::storageKey).toList());
        return old.stream().filter(r -> !named.contains(r.storageKey())).toList();
    }

    @SqlQuery("SELECT storage_key FROM files WHERE id IN (<ids>)"
            + " UNION SELECT storage_key FROM file_revisions WHERE file_id IN (<ids>)")
    List<String> keysOfFiles(@BindList("ids") List<String> fileIds);

    /**
     * Every key begins with the id of its file ({@code <fileId>/r<n>...}), so the rows that could
     * name a key are found through the primary keys of files and file_revisions, not a scan.
     */
    default Set<String> namedKeys(Collection<String> keys) {
        Set<String> named = new HashSet<>();
        List<String> fileIds = keys.stream().map(k -> k.split("/", 2)[0]).distinct().toList();
        for (int from = 0; from < fileIds.size(); from += KEY_BATCH) {
            named.addAll(keysOfFiles(fileIds.subList(from, Math.min(fileIds.size(), from + KEY_BATCH))));
        }
        named.retainAll(Set.copyOf(keys));
        return named;
    }

    @SqlQuery("SELECT * FROM files WHERE (:owner IS NULL OR owner_id = :owner)"
            + " AND (:name IS NULL OR LOWER(name) LIKE :name) AND (:after IS NULL OR id > :after)"
            + " AND (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR updated_at >= :since)"
            + " ORDER BY id LIMIT :limit")
    List<FileRow> page(@Bind("owner") String owner, @Bind("name") String namePattern, @Bind("since") Instant since,
            @Bind("after") String afterId, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM files WHERE updated_at < :cutoff ORDER BY updated_at, id LIMIT :limit")
    List<FileRow> unchangedSince(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM files WHERE owner_id = :owner")
    long bytesOf(@Bind("owner") String owner);

    @SqlQuery("SELECT owner_id, COUNT(*) AS files, SUM(size_bytes) AS bytes, MAX(updated_at) AS changed"
            + " FROM files GROUP BY owner_id ORDER BY owner_id")
    List<FileUsageRow> usageByOwner();

    @SqlQuery("SELECT * FROM files WHERE id = :id")
    Optional<FileRow> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM files WHERE owner_id = :owner ORDER BY updated_at DESC, name")
    List<FileRow> listByOwner(@Bind("owner") String owner);

    @SqlQuery("SELECT * FROM files WHERE owner_id = :owner AND name = :name")
    Optional<FileRow> findByName(@Bind("owner") String owner, @Bind("name") String name);

    @SqlUpdate("DELETE FROM file_revisions WHERE file_id = :id")
    void deleteRevisions(@Bind("id") String id);

    @SqlUpdate("DELETE FROM files WHERE id = :id")
    int deleteFile(@Bind("id") String id);

    /** The file and all its revision rows; false when there was no such file. */
    @Transaction
    default boolean delete(String id) {
        deleteRevisions(id);
        return deleteFile(id) > 0;
    }

    // Conditional, like JdbiFileMetadataStore's insert of a new file; the unique constraint settles a race with a new file of that name.
    @SqlUpdate("UPDATE files SET owner_id = :to, name = :name WHERE id = :id AND owner_id = :from"
            + " AND NOT EXISTS (SELECT 1 FROM files taken WHERE taken.owner_id = :to AND taken.name = :name)")
    int moveIfNameFree(@Bind("id") String id, @Bind("from") String from, @Bind("to") String to,
            @Bind("name") String name);
}
