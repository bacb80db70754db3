package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbiFileMetadataStore implements FileMetadataStore {

    private final Jdbi jdbi;

    public JdbiFileMetadataStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean insertIfNameFree(StoredFile f) {
        // A conditional insert rather than catching a constraint violation: it reads the same on
        // H2 and PostgreSQL, and the unique constraint still settles a race between replicas.
        try {
            return jdbi.withHandle(h -> h.createUpdate("INSERT INTO files (id, owner_id, name, format, media_type,"
                    + " size_bytes, sha256, revision, storage_key, created_at, updated_at)"
                    + " SELECT :id, :owner, :name, :format, :mediaType, :size, :sha, :rev, :key, :created, :updated"
                    + " WHERE NOT EXISTS (SELECT 1 FROM files WHERE owner_id = :owner AND name = :name)")
                    .bind("id", f.id()).bind("owner", f.owner().id()).bind("name", f.name()).bind("format", f.format())
                    .bind("mediaType", f.mediaType()).bind("size", f.sizeBytes()).bind("sha", f.sha256())
                    .bind("rev", f.revision()).bind("key", f.storageKey()).bind("created", f.created())
                    .bind("updated", f.updated()).execute()) == 1;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
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
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM files WHERE id = :id").bind("id", id).execute()) > 0;
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
                rs.getInt("revision"), rs.getString("storage_key"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
