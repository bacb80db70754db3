package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key store's use case in memory, for resource tests: keys look like the real ones, ssk_ID_SECRET. */
public final class InMemoryKeys implements ApiKeysUseCase {

    private final Map<String, ApiKey> keys = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private int next = 1;

    @Override
    public synchronized CreatedApiKey create(Owner owner, Role role, boolean gateway) {
        String id = "k" + next++;
        ApiKey key = new ApiKey(id, owner, role, gateway, Instant.parse("2026-11-01T08:00:00Z"), null, null);
        keys.put(id, key);
        String secret = "ssk_" + id + "_secret" + id;
        secrets.put(secret, id);
        return new CreatedApiKey(key, secret);
    }

    @Override
    public synchronized List<ApiKey> list() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public synchronized boolean revoke(String keyId) {
        ApiKey key = keys.get(keyId);
        if (key == null || !key.active()) {
            return false;
        }
        keys.put(keyId, new ApiKey(key.id(), key.owner(), key.role(), key.gateway(), key.created(), key.lastUsed(),
                Instant.parse("2026-11-02T08:00:00Z")));
        return true;
    }

    @Override
    public synchronized boolean anyActive() {
        return keys.values().stream().anyMatch(ApiKey::active);
    }

    @Override
    public synchronized Optional<Principal> authenticate(String presentedKey) {
        return Optional.ofNullable(secrets.get(presentedKey)).map(keys::get).filter(ApiKey::active)
                .map(k -> new Principal(k.owner(), k.role(), k.id(), k.gateway()));
    }
}
