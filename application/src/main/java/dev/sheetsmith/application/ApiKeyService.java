package dev.sheetsmith.application;

import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Principal;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import dev.sheetsmith.ports.out.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys look like {@code ssk_<16 hex id>_<43 chars secret>}. Only a SHA-256 of the secret is stored:
 * the secret has 256 random bits, so a slow password hash would add cost and no safety. The id
 * finds the row; the hash is compared in constant time, and an unknown id is compared against a
 * dummy hash so that timing tells nothing either.
 */
public final class ApiKeyService implements ApiKeysUseCase {

    private static final Pattern FORMAT = Pattern.compile("ssk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
    private static final String DUMMY_HASH = sha256("not-a-real-secret");

    private final ApiKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreatedApiKey create(Owner owner, Role role, boolean gateway) {
        String id = HexFormat.of().formatHex(randomBytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        ApiKey key = new ApiKey(id, owner, role, gateway, clock.instant(), null, null);
        store.insert(key, sha256(secret));
        return new CreatedApiKey(key, "ssk_" + id + "_" + secret);
    }

    @Override
    public List<ApiKey> list() {
        return store.list();
    }

    @Override
    public boolean revoke(String keyId) {
        return store.revoke(keyId, clock.instant());
    }

    @Override
    public boolean anyActive() {
        return store.countActive() > 0;
    }

    @Override
    public Optional<Principal> authenticate(String presentedKey) {
        Matcher m = FORMAT.matcher(presentedKey == null ? "" : presentedKey.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ApiKeyStore.StoredKey> stored = store.find(m.group(1));
        String expected = stored.map(ApiKeyStore.StoredKey::secretHash).orElse(DUMMY_HASH);
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII));
        if (!same || stored.isEmpty() || !stored.get().key().active()) {
            return Optional.empty();
        }
        ApiKey key = stored.get().key();
        Instant now = clock.instant();
        if (key.lastUsed() == null || key.lastUsed().plus(TOUCH_GRANULARITY).isBefore(now)) {
            store.touch(key.id(), now);
        }
        return Optional.of(new Principal(key.owner(), key.role(), key.id(), key.gateway()));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
