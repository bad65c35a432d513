package dev.ganboard.backend.auth;

import dev.ganboard.backend.team.ApiKey;
import dev.ganboard.backend.team.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Issues API keys (shown once) and resolves presented keys to their owner. */
@ApplicationScoped
public class ApiKeys {
    static final String KEY_PREFIX = "gbk_";
    private static final int LOOKUP_CHARS = 12;

    /** Creates a key for the user; the returned plain text is never stored. */
    @Transactional
    public String issue(UserAccount user, String name) {
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

    /** Whether the key is valid, through the cache the request filter uses (so it then finds it there). */
    @ActivateRequestContext
    public boolean valid(String presented, KeyCache cache) {
        return cache.get(presented, () -> resolve(presented)).isPresent();
    }

    @Transactional
    public Optional<Caller.Principal> resolve(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() < LOOKUP_CHARS + 8) {
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
