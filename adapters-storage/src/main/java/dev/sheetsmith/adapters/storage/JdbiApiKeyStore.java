package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys as rows. The two reads every request makes (is there any key; the key presented) run as
 * plain JDBC ({@link DirectSql}): through Jdbi they were a seventh of the server's CPU per MCP
 * message. The rest stays on {@link ApiKeyDao}.
 */
public final class JdbiApiKeyStore implements ApiKeyStore {

    private static final String FIND = "SELECT id, owner_id, role, gateway, secret_sha256, created_at, last_used_at,"
            + " revoked_at FROM api_keys WHERE id = ?";
    private static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL";

    private final DirectSql sql;
    private final ApiKeyDao dao;

    /**
     * @param jdbi configured by {@link StorageJdbi#configure}
     * @param dataSource the pool {@code jdbi} draws from, for the per-request reads
     */
    public JdbiApiKeyStore(Jdbi jdbi, DataSource dataSource) {
        this(jdbi, DirectSql.of(dataSource));
    }

    /** Without the pool at hand (the keys command, tests): the reads borrow Jdbi handles' connections. */
    public JdbiApiKeyStore(Jdbi jdbi) {
        this(jdbi, DirectSql.of(jdbi));
    }

    private JdbiApiKeyStore(Jdbi jdbi, DirectSql sql) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(ApiKeyDao.class);
        this.sql = sql;
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        dao.insert(new ApiKeyDao.ApiKeyRow(key.id(), key.owner().id(), key.role().id(), key.gateway(), secretHash,
                key.created(), null, null));
    }

    @Override
    public Optional<StoredKey> find(String id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredKey(new ApiKey(rs.getString("id"),
                            new Owner(rs.getString("owner_id")), Role.of(rs.getString("role")), rs.getBoolean("gateway"),
                            instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")),
                            rs.getString("secret_sha256"))) : Optional.empty();
                }
            }
        });
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
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT_ACTIVE); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void touch(String id, Instant when) {
        dao.touch(id, when);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return DirectSql.instant(rs, column);
    }

    private static ApiKey key(ApiKeyDao.ApiKeyRow r) {
        return new ApiKey(r.id(), new Owner(r.ownerId()), Role.of(r.role()), r.gateway(), r.createdAt(),
                r.lastUsedAt(), r.revokedAt());
    }
}
