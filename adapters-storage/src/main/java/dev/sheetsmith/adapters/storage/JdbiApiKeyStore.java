package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys as rows. The two reads every request makes (is there any key; the key presented) run as
 * plain JDBC ({@link DirectSql}): through Jdbi they were a seventh of the server's CPU per MCP
 * message. The rest stays on {@link ApiKeyDao}.
 *
 * <p>An active key's row, once read, is kept for {@link #KEY_CACHE_TTL} (Open-WebUI sends four requests
 * per chat message with the same key; reading its row each time was a third of a message's CPU). The
 * caller still compares the presented secret's hash with the kept one on every request. A revocation
 * through this store (this replica's admin API, console or keys command) takes effect at once; one made
 * through another replica or straight in the database takes effect here within {@link #KEY_CACHE_TTL}.
 * Unknown ids, revoked and wrong keys are never kept, so the map holds at most the active keys.
 */
public final class JdbiApiKeyStore implements ApiKeyStore {

    /** How long a key's row read from the database is trusted: the bound on a revocation elsewhere. */
    public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(5);

    private static final String FIND = "SELECT id, owner_id, role, gateway, secret_sha256, created_at, last_used_at,"
            + " revoked_at FROM api_keys WHERE id = ?";
    private static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL";

    private final DirectSql sql;
    private final ApiKeyDao dao;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(StoredKey key, long readAt) {
    }

    /**
     * @param jdbi configured by {@link StorageJdbi#configure}
     * @param dataSource the pool {@code jdbi} draws from, for the per-request reads
     */
    public JdbiApiKeyStore(Jdbi jdbi, DataSource dataSource) {
        this(jdbi, DirectSql.of(dataSource), KEY_CACHE_TTL, System::nanoTime);
    }

    /**
     * @param cacheTtl how long an active key's row is kept (zero keeps none)
     * @param nanoTime the monotonic clock the keeping is measured with
     */
    public JdbiApiKeyStore(Jdbi jdbi, DataSource dataSource, Duration cacheTtl, LongSupplier nanoTime) {
        this(jdbi, DirectSql.of(dataSource), cacheTtl, nanoTime);
    }

    /** Without the pool at hand (the keys command, tests): the reads borrow Jdbi handles' connections. */
    public JdbiApiKeyStore(Jdbi jdbi) {
        this(jdbi, DirectSql.of(jdbi), KEY_CACHE_TTL, System::nanoTime);
    }

    private JdbiApiKeyStore(Jdbi jdbi, DirectSql sql, Duration cacheTtl, LongSupplier nanoTime) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(ApiKeyDao.class);
        this.sql = sql;
        this.ttlNanos = cacheTtl.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        dao.insert(new ApiKeyDao.ApiKeyRow(key.id(), key.owner().id(), key.role().id(), key.gateway(), secretHash,
                key.created(), null, null));
    }

    @Override
    public Optional<StoredKey> find(String id) {
        long now = nanoTime.getAsLong();
        Kept known = kept.get(id);
        if (known != null && now - known.readAt() < ttlNanos) {
            return Optional.of(known.key());
        }
        Optional<StoredKey> found = read(id);
        if (found.isPresent() && found.get().key().active() && ttlNanos > 0) {
            kept.put(id, new Kept(found.get(), now));
        } else {
            kept.remove(id);
        }
        return found;
    }

    private Optional<StoredKey> read(String id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    // by position, in the order of FIND's columns
                    return rs.next() ? Optional.of(new StoredKey(new ApiKey(rs.getString(1),
                            new Owner(rs.getString(2)), Role.of(rs.getString(3)), rs.getBoolean(4),
                            DirectSql.instant(rs, 6), DirectSql.instant(rs, 7), DirectSql.instant(rs, 8)),
                            rs.getString(5))) : Optional.empty();
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
        kept.remove(id);
        try {
            return dao.revoke(id, when) > 0;
        } finally {
            kept.remove(id); // a find between the first removal and the commit may have kept the active row
        }
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
        // the kept row learns its new last use, or every request would touch again until it is read anew
        kept.computeIfPresent(id, (k, v) -> {
            ApiKey key = v.key().key();
            return new Kept(new StoredKey(new ApiKey(key.id(), key.owner(), key.role(), key.gateway(), key.created(),
                    when, key.revoked()), v.key().secretHash()), v.readAt());
        });
    }

    private static ApiKey key(ApiKeyDao.ApiKeyRow r) {
        return new ApiKey(r.id(), new Owner(r.ownerId()), Role.of(r.role()), r.gateway(), r.createdAt(),
                r.lastUsedAt(), r.revokedAt());
    }
}
