package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * API keys as rows. The two reads every request makes (is there any key; the key presented) use
 * Jdbi's fluent API with a hand-written mapper, which costs a fraction of a SQL Object call; the
 * rest stays on {@link ApiKeyDao}.
 *
 * @param jdbi configured by {@link StorageJdbi#configure}
 */
public final class JdbiApiKeyStore implements ApiKeyStore {

    private static final RowMapper<StoredKey> KEY = (rs, ctx) -> new StoredKey(new ApiKey(rs.getString("id"),
            new Owner(rs.getString("owner_id")), Role.of(rs.getString("role")), rs.getBoolean("gateway"),
            instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")),
            rs.getString("secret_sha256"));

    private final Jdbi jdbi;
    private final ApiKeyDao dao;

    public JdbiApiKeyStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dao = jdbi.onDemand(ApiKeyDao.class);
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        dao.insert(new ApiKeyDao.ApiKeyRow(key.id(), key.owner().id(), key.role().id(), key.gateway(), secretHash,
                key.created(), null, null));
    }

    @Override
    public Optional<StoredKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, owner_id, role, gateway, secret_sha256, created_at,"
                + " last_used_at, revoked_at FROM api_keys WHERE id = :id").bind("id", id).map(KEY).findOne());
    }

    @Override
    public List<ApiKey> list() {
        return dao.list().stream().map(JdbiApiKeyStore::key).toList();
    }

    @Override
    public boolean revoke(String id, Instant when) {
        return dao.revoke(id, when) > 0;
    }

    @Override
    public long countActive() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL")
                .mapTo(Long.class).one());
    }

    @Override
    public void touch(String id, Instant when) {
        dao.touch(id, when);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ApiKey key(ApiKeyDao.ApiKeyRow r) {
        return new ApiKey(r.id(), new Owner(r.ownerId()), Role.of(r.role()), r.gateway(), r.createdAt(),
                r.lastUsedAt(), r.revokedAt());
    }
}
