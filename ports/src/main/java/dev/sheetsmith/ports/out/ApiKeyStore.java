package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiKeyStore {

    void insert(ApiKey key, String secretHash);

    Optional<StoredKey> find(String id);

    List<ApiKey> list();

    boolean revoke(String id, Instant when);

    long countActive();

    void touch(String id, Instant when);

    /** A key row with the hash of its secret, for checking a presented key. */
    record StoredKey(ApiKey key, String secretHash) {
    }
}
