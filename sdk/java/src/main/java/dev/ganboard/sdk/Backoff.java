package dev.ganboard.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so many runs do not retry in step. */
final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(Duration base, Duration max) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.maxMillis = Math.max(baseMillis, max.toMillis());
    }

    long nextDelayMillis() {
        long ceiling = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    void reset() {
        attempt = 0;
    }

    int attempts() {
        return attempt;
    }
}
