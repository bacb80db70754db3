package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.domain.Role;
import java.util.List;
import java.util.Optional;

/** API keys: created and revoked by operators, presented by clients as bearer tokens. */
public interface ApiKeysUseCase {

    /** A new key; {@link CreatedApiKey#secret()} is the only time the full key is ever shown. */
    CreatedApiKey create(Owner owner, Role role, boolean gateway);

    List<ApiKey> list();

    boolean revoke(String keyId);

    /** Whether any unrevoked key exists; once one does, unauthenticated calls are refused. */
    boolean anyActive();

    /** The caller a presented key stands for; empty for a wrong, malformed or revoked key. */
    Optional<Principal> authenticate(String presentedKey);

    record CreatedApiKey(ApiKey key, String secret) {
    }
}
