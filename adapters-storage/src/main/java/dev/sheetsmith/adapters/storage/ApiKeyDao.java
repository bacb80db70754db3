package dev.sheetsmith.adapters.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The api_keys table. */
@RegisterConstructorMapper(ApiKeyDao.ApiKeyRow.class)
public interface ApiKeyDao {

    /** One row of api_keys. */
    record ApiKeyRow(String id, String ownerId, String role, boolean gateway, String secretSha256, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {
    }

    @SqlUpdate("INSERT INTO api_keys (id, owner_id, role, gateway, secret_sha256, created_at)"
            + " VALUES (:id, :ownerId, :role, :gateway, :secretSha256, :createdAt)")
    void insert(@BindMethods ApiKeyRow row);

    @SqlQuery("SELECT * FROM api_keys ORDER BY created_at, id")
    List<ApiKeyRow> list();

    @SqlUpdate("UPDATE api_keys SET revoked_at = :when WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("when") Instant when);

    @SqlUpdate("UPDATE api_keys SET last_used_at = :when WHERE id = :id")
    void touch(@Bind("id") String id, @Bind("when") Instant when);
}
