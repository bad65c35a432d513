package dev.ganboard.backend.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers resolved keys for a short while so high-rate ingest does not hit the database per request.
 * Keyed by the key's hash; a revoked key stops working within {@link #TTL_MILLIS}.
 */
@ApplicationScoped
public class KeyCache {
    /** The bound on how long a key revoked on another replica (or directly in the database) keeps working here. */
    public static final long TTL_MILLIS = 10_000;
    private static final int MAX_ENTRIES = 10_000;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public Optional<Caller.Principal> get(String key, Supplier<Optional<Caller.Principal>> resolve) {
        String hash = Hashing.sha256Hex(key);
        long now = System.currentTimeMillis();
        Entry entry = entries.get(hash);
        if (entry != null && entry.expiresAt > now) {
            return entry.principal;
        }
        Optional<Caller.Principal> principal = resolve.get();
        if (principal.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(hash, new Entry(principal, now + TTL_MILLIS));
        }
        return principal;
    }

    /** Whether the key was resolved to a principal recently; never asks the database (safe on an I/O thread). */
    public boolean knows(String key) {
        Entry entry = entries.get(Hashing.sha256Hex(key));
        return entry != null && entry.expiresAt > System.currentTimeMillis() && entry.principal.isPresent();
    }

    /** Drops the entry of the key whose SHA-256 (as stored in the database) this is. */
    public void forgetHash(String keyHash) {
        entries.remove(keyHash);
    }

    public void invalidateAll() {
        entries.clear();
    }

    private record Entry(Optional<Caller.Principal> principal, long expiresAt) {
    }
}
