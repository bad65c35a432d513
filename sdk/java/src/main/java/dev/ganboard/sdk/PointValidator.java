package dev.ganboard.sdk;

import dev.ganboard.protocol.ingest.MetricBatchRules;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's point rules applied on the client (the key rule is the server's own, {@link MetricBatchRules}), so a
 * batch is never refused for its content. A refused value is dropped, counted, and warned about once per key and
 * reason: logging must never throw into a training loop. NaN and ±Infinity are values: they are logged (a diverging
 * loss is a result), with one warning per run naming the first.
 */
final class PointValidator {
    static final int MAX_KEY_LENGTH = MetricBatchRules.MAX_KEY_LENGTH;

    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder rejected = new LongAdder();
    private final String runLabel;
    private volatile boolean warnedNonFinite;

    PointValidator(String runLabel) {
        this.runLabel = runLabel;
    }

    static boolean isValidKey(String key) {
        return key != null && MetricBatchRules.isValidKey(key);
    }

    boolean key(String key) {
        if (key != null && validKeys.contains(key)) {
            return true;
        }
        if (isValidKey(key)) {
            if (validKeys.size() < 100_000) {
                validKeys.add(key);
            }
            return true;
        }
        reject(String.valueOf(key), "invalid key (letters, digits, '_', '.', '-', '/'-separated, at most "
                + MAX_KEY_LENGTH + " characters)");
        return false;
    }

    /** Whether the value is a number (Numbers, and Booleans as 0/1); counts and warns when it is not. */
    boolean isNumber(String key, Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return true;
        }
        reject(key, value == null ? "null value" : "non-numeric value of type " + value.getClass().getName());
        return false;
    }

    /** The value of something {@link #isNumber} accepted, non-finite ones included. */
    double value(String key, long step, Object value) {
        double v = value instanceof Number n ? n.doubleValue() : ((Boolean) value) ? 1.0 : 0.0;
        if (!Double.isFinite(v) && !warnedNonFinite) {
            warnedNonFinite = true;
            Log.warn("%s: '%s' is %s at step %d (logged: the run shows where it diverged)", runLabel, key, v, step);
        }
        return v;
    }

    void reject(String key, String why) {
        rejected.increment();
        if (warned.size() < 10_000 && warned.add(key + '\0' + why)) {
            Log.warn("%s: dropped a point of '%s': %s (further ones of this kind are only counted)", runLabel, key, why);
        }
    }

    void rejectAll(int n, String why) {
        rejected.add(n - 1L);
        reject("*", why);
    }

    long rejected() {
        return rejected.sum();
    }
}
