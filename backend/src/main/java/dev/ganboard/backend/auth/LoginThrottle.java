package dev.ganboard.backend.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.ganboard.backend.config.GanboardConfig;
import jakarta.inject.Inject;

/**
 * Counts failed logins per user name and per client address over a sliding window; at the limit further attempts
 * are refused without checking the password until the oldest failure leaves the window. Names that do not exist are
 * counted like real ones, so the throttle tells nothing about which users exist. In memory, per server.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    /** Until when each address was last refused by the throttle, so the login page can say why and how long. */
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();

    @Inject
    LoginThrottle(GanboardConfig config) {
        maxPerUser = config.security().login().maxFailuresPerUser();
        maxPerAddress = config.security().login().maxFailuresPerAddress();
        window = config.security().login().window();
    }

    /** Seconds until this user name from this address may try again; 0 when it may now. */
    public long waitSeconds(String username, String address) {
        long now = System.currentTimeMillis();
        long until = Math.max(blockedUntil("user:" + username, maxPerUser, now),
                blockedUntil("addr:" + address, maxPerAddress, now));
        if (until <= now) {
            return 0;
        }
        refusedUntil.put(address, until);
        return (until - now + 999) / 1000;
    }

    public void failed(String username, String address) {
        long now = System.currentTimeMillis();
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        record("user:" + username, now);
        record("addr:" + address, now);
    }

    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    /** Seconds the last refused attempt from this address has to wait (for the login page's message), or 0. */
    public long refusedFor(String address) {
        Long until = refusedUntil.get(address);
        long now = System.currentTimeMillis();
        return until == null || until <= now ? 0 : (until - now + 999) / 1000;
    }

    private void record(String key, long now) {
        failures.compute(key, (k, times) -> {
            Deque<Long> list = times == null ? new ArrayDeque<>() : times;
            list.addLast(now);
            while (list.size() > Math.max(maxPerUser, maxPerAddress)) {
                list.removeFirst();
            }
            return list;
        });
    }

    private long blockedUntil(String key, int max, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long horizon = now - window.toMillis();
            times.removeIf(t -> t < horizon);
            if (times.size() < max) {
                return 0;
            }
            long[] recent = times.stream().mapToLong(Long::longValue).toArray();
            return recent[recent.length - max] + window.toMillis();
        }
    }
}
