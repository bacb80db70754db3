package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class JdbiFileMetadataStore implements FileMetadataStore {

    private static final int KEY_BATCH = 500;

    private final Jdbi jdbi;

    public JdbiFileMetadataStore(Jdbi jdbi) {
        this.jdbi = Timestamps.install(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public boolean insertIfNameFree(StoredFile f) {
        // A conditional insert rather than catching a constraint violation: it reads the same on
        // H2 and PostgreSQL, and the unique constraint still settles a race between replicas.
        try {
            return jdbi.inTransaction(h -> {
                int inserted = h.createUpdate("INSERT INTO files (id, owner_id, name, format, media_type,"
                        + " size_bytes, sha256, revision, storage_key, created_at, updated_at)"
                        + " SELECT :id, :owner, :name, :format, :mediaType, :size, :sha, :rev, :key, :created, :updated"
                        + " WHERE NOT EXISTS (SELECT 1 FROM files WHERE owner_id = :owner AND name = :name)")
                        .bind("id", f.id()).bind("owner", f.owner().id()).bind("name", f.name())
                        .bind("format", f.format()).bind("mediaType", f.mediaType()).bind("size", f.sizeBytes())
                        .bind("sha", f.sha256()).bind("rev", f.revision()).bind("key", f.storageKey())
                        .bind("created", f.created()).bind("updated", f.updated()).execute();
                if (inserted == 1) {
                    insertRevision(h, f, "created");
                }
                return inserted == 1;
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean commitRevision(StoredFile f, int expectedRevision, String change) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("UPDATE files SET revision = :rev, size_bytes = :size, sha256 = :sha,"
                    + " storage_key = :key, updated_at = :updated WHERE id = :id AND revision = :expected")
                    .bind("rev", f.revision()).bind("size", f.sizeBytes()).bind("sha", f.sha256())
                    .bind("key", f.storageKey()).bind("updated", f.updated()).bind("id", f.id())
                    .bind("expected", expectedRevision).execute();
            if (updated == 1) {
                insertRevision(h, f, change);
            }
            return updated == 1;
        });
    }

    @Override
    public List<FileRevision> revisions(String fileId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM file_revisions WHERE file_id = :id"
                + " ORDER BY revision DESC").bind("id", fileId).map((rs, ctx) -> revision(rs)).list());
    }

    @Override
    public List<FileRevision> pruneRevisions(String fileId, int keep) {
        return jdbi.inTransaction(h -> {
            List<FileRevision> all = h.createQuery("SELECT * FROM file_revisions WHERE file_id = :id"
                    + " ORDER BY revision DESC").bind("id", fileId).map((rs, ctx) -> revision(rs)).list();
            List<FileRevision> old = all.size() > keep ? all.subList(keep, all.size()) : List.of();
            for (FileRevision r : old) {
                h.createUpdate("DELETE FROM file_revisions WHERE file_id = :id AND revision = :rev")
                        .bind("id", fileId).bind("rev", r.revision()).execute();
            }
            if (old.isEmpty()) {
                return List.<FileRevision>of();
            }
            // Bytes that a row still names stay, however they came to be shared.
            Set<String> named = namedKeys(h, old.stream().map(FileRevision::storageKey).toList());
            return old.stream().filter(r -> !named.contains(r.storageKey())).toList();
        });
    }

    @Override
    public Set<String> namedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> namedKeys(h, keys));
    }

    /**
     * Every key begins with the id of its file ({@code <fileId>/r<n>...}), so the rows that could
     * name a key are found through the primary keys of files and file_revisions, not a scan.
     */
    private static Set<String> namedKeys(Handle h, Collection<String> keys) {
        Set<String> named = new HashSet<>();
        List<String> fileIds = keys.stream().map(k -> k.split("/", 2)[0]).distinct().toList();
        for (int from = 0; from < fileIds.size(); from += KEY_BATCH) {
            List<String> batch = fileIds.subList(from, Math.min(fileIds.size(), from + KEY_BATCH));
            named.addAll(h.createQuery("SELECT storage_key FROM files WHERE id IN (<ids>)"
                    + " UNION SELECT storage_key FROM file_revisions WHERE file_id IN (<ids>)")
                    .bindList("ids", batch).mapTo(String.class).list());
        }
        named.retainAll(Set.copyOf(keys));
        return named;
    }

    @Override
    public List<StoredFile> page(Owner owner, String nameContains, java.time.Instant changedSince, String afterId,
            int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE (:owner IS NULL OR owner_id = :owner)"
                + " AND (:name IS NULL OR LOWER(name) LIKE :name) AND (:after IS NULL OR id > :after)"
                + " AND (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR updated_at >= :since)"
                + " ORDER BY id LIMIT :limit").bind("owner", owner == null ? null : owner.id())
                .bind("name", nameContains == null ? null : "%" + nameContains.toLowerCase(java.util.Locale.ROOT)
                        .replace("%", "").replace("_", "") + "%")
                .bind("after", afterId).bind("since", changedSince).bind("limit", limit)
                .map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public List<StoredFile> unchangedSince(java.time.Instant cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE updated_at < :cutoff"
                + " ORDER BY updated_at, id LIMIT :limit").bind("cutoff", cutoff).bind("limit", limit)
                .map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public long bytesOf(Owner owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM files WHERE owner_id = :owner")
                .bind("owner", owner.id()).mapTo(Long.class).one());
    }

    @Override
    public List<OwnerUsage> usageByOwner() {
        return jdbi.withHandle(h -> h.createQuery("SELECT owner_id, COUNT(*) AS n, SUM(size_bytes) AS bytes,"
                + " MAX(updated_at) AS changed FROM files GROUP BY owner_id ORDER BY owner_id")
                .map((rs, ctx) -> new OwnerUsage(new Owner(rs.getString("owner_id")), rs.getLong("n"),
                        rs.getLong("bytes"), 0, Timestamps.instant(rs, "changed"))).list());
    }

    private static void insertRevision(Handle h, StoredFile f, String change) {
        h.createUpdate("INSERT INTO file_revisions (file_id, revision, storage_key, size_bytes, sha256, change_note,"
                + " created_at) VALUES (:id, :rev, :key, :size, :sha, :change, :created)").bind("id", f.id())
                .bind("rev", f.revision()).bind("key", f.storageKey()).bind("size", f.sizeBytes())
                .bind("sha", f.sha256()).bind("change", change == null || change.length() <= 300 ? change
                        : change.substring(0, 300)).bind("created", f.updated()).execute();
    }

    private static FileRevision revision(ResultSet rs) throws SQLException {
        return new FileRevision(rs.getString("file_id"), rs.getInt("revision"), rs.getString("storage_key"),
                rs.getLong("size_bytes"), rs.getString("sha256"), Timestamps.instant(rs, "created_at"),
                rs.getString("change_note"));
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public List<StoredFile> listByOwner(Owner owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE owner_id = :owner"
                + " ORDER BY updated_at DESC, name").bind("owner", owner.id()).map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public Optional<StoredFile> findByName(Owner owner, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE owner_id = :owner AND name = :name")
                .bind("owner", owner.id()).bind("name", name).map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public boolean delete(String id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM file_revisions WHERE file_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM files WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public boolean moveIfNameFree(String id, Owner from, Owner to, String name) {
        // Conditional, like insertIfNameFree; the unique constraint settles a race with a new file of that name.
        try {
            return jdbi.withHandle(h -> h.createUpdate("UPDATE files SET owner_id = :to, name = :name"
                    + " WHERE id = :id AND owner_id = :from"
                    + " AND NOT EXISTS (SELECT 1 FROM files taken WHERE taken.owner_id = :to AND taken.name = :name)")
                    .bind("to", to.id()).bind("name", name).bind("id", id).bind("from", from.id()).execute() == 1);
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static StoredFile map(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString("id"), new Owner(rs.getString("owner_id")), rs.getString("name"),
                rs.getString("format"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getInt("revision"), rs.getString("storage_key"), Timestamps.instant(rs, "created_at"),
                Timestamps.instant(rs, "updated_at"));
    }
}
