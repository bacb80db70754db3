package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** @param jdbi configured by {@link StorageJdbi#configure} */
public final class JdbiApiKeyStore implements ApiKeyStore {

    private final ApiKeyDao dao;

    public JdbiApiKeyStore(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(ApiKeyDao.class);
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        dao.insert(new ApiKeyDao.ApiKeyRow(key.id(), key.owner().id(), key.role().id(), key.gateway(), secretHash,
                key.created(), null, null));
    }

    @Override
    public Optional<StoredKey> find(String id) {
        return dao.find(id).map(r -> new StoredKey(key(r), r.secretSha256()));
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
        return dao.countActive();
    }

    @Override
    public void touch(String id, Instant when) {
        dao.touch(id, when);
    }

    private static ApiKey key(ApiKeyDao.ApiKeyRow r) {
        return new ApiKey(r.id(), new Owner(r.ownerId()), Role.of(r.role()), r.gateway(), r.createdAt(),
                r.lastUsedAt(), r.revokedAt());
    }
}
