package dev.ganboard.backend.auth;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.team.ApiKey;
import dev.ganboard.backend.team.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issues API keys (shown once), lists and revokes them, and resolves presented keys to their owner. */
@ApplicationScoped
public class ApiKeys {
    static final String KEY_PREFIX = "gbk_";
    public static final int MAX_NAME = 100;
    private static final int LOOKUP_CHARS = 12;
    /** Longer than any key this server issues (4 + 43 characters); longer texts are not hashed at all. */
    private static final int MAX_PRESENTED = 200;

    @Inject
    KeyCache cache;

    /** What a key's owner may see of it: never the key, only its lookup prefix. */
    public record KeySummary(long id, String name, String prefix, String user, Instant createdAt, boolean revoked) {
        static KeySummary of(ApiKey key) {
            return new KeySummary(key.id, key.name, key.prefix, key.user.username, key.createdAt, key.revoked);
        }
    }

    /** Creates a key for the user; the returned plain text is never stored. */
    @Transactional
    public String issue(UserAccount user, String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name", "name: 1-" + MAX_NAME + " characters, no control characters");
        }
        String plain = KEY_PREFIX + Hashing.randomToken(32);
        ApiKey key = new ApiKey();
        key.user = user;
        key.name = name;
        key.prefix = plain.substring(0, LOOKUP_CHARS);
        key.keyHash = Hashing.sha256Hex(plain);
        key.createdAt = Instant.now();
        key.persist();
        return plain;
    }

    /** The user's keys, newest first, revoked ones included (marked). */
    @Transactional
    public List<KeySummary> list(long userId) {
        return ApiKey.<ApiKey>list("user.id = ?1 order by createdAt desc, id desc", userId).stream()
                .map(KeySummary::of).toList();
    }

    /**
     * Revokes a key of the caller (an admin: of anyone). Effective at once on this server (its cache entry is
     * dropped) and within {@link KeyCache#TTL_MILLIS} on every other replica. A key the caller may not see is
     * "not found"; revoking twice is harmless.
     */
    public KeySummary revoke(Caller.Principal caller, long keyId) {
        String[] hash = new String[1];
        KeySummary revoked = QuarkusTransaction.requiringNew().call(() -> {
            ApiKey key = ApiKey.<ApiKey>findByIdOptional(keyId)
                    .filter(k -> caller.admin() || k.user.id == caller.userId())
                    .orElseThrow(() -> ApiException.notFound("API key " + keyId));
            key.revoked = true;
            hash[0] = key.keyHash;
            return KeySummary.of(key);
        });
        // after the commit: a request resolving the key meanwhile may have cached it as still valid
        cache.forgetHash(hash[0]);
        return revoked;
    }

    /** Whether the key is valid, through the cache the request filter uses (so it then finds it there). */
    @ActivateRequestContext
    public boolean valid(String presented, KeyCache cache) {
        return cache.get(presented, () -> resolve(presented)).isPresent();
    }

    @Transactional
    public Optional<Caller.Principal> resolve(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() < LOOKUP_CHARS + 8
                || presented.length() > MAX_PRESENTED) {
            return Optional.empty();
        }
        return ApiKey.findActiveByPrefix(presented.substring(0, LOOKUP_CHARS))
                .filter(key -> Hashing.constantTimeEquals(key.keyHash, Hashing.sha256Hex(presented)))
                .map(key -> {
                    UserAccount user = key.user;
                    return new Caller.Principal(user.id, user.username, user.team.id, user.admin);
                });
    }
}
