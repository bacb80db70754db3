package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbiApiKeyStore implements ApiKeyStore {

    private final Jdbi jdbi;

    public JdbiApiKeyStore(Jdbi jdbi) {
        this.jdbi = Timestamps.install(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, owner_id, role, gateway, secret_sha256,"
                + " created_at) VALUES (:id, :owner, :role, :gateway, :hash, :created)").bind("id", key.id())
                .bind("owner", key.owner().id()).bind("role", key.role().id()).bind("gateway", key.gateway())
                .bind("hash", secretHash).bind("created", key.created()).execute());
    }

    @Override
    public Optional<StoredKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new StoredKey(map(rs), rs.getString("secret_sha256"))).findOne());
    }

    @Override
    public List<ApiKey> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys ORDER BY created_at, id")
                .map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public boolean revoke(String id, Instant when) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :when WHERE id = :id"
                + " AND revoked_at IS NULL").bind("when", when).bind("id", id).execute()) > 0;
    }

    @Override
    public long countActive() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL")
                .mapTo(Long.class).one());
    }

    @Override
    public void touch(String id, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :when WHERE id = :id")
                .bind("when", when).bind("id", id).execute());
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), new Owner(rs.getString("owner_id")), Role.of(rs.getString("role")),
                rs.getBoolean("gateway"), Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_used_at"),
                Timestamps.instant(rs, "revoked_at"));
    }

}
