package dev.ganboard.protocol.ingest;

/**
 * The rules a metric batch must meet, checked on the way in (REST) and again on consume (records that reached the
 * topic some other way). One bad point refuses the batch; the first problem in point order is named. Keys are
 * checked once per distinct key, not once per point. Any double is a value, NaN and ±Infinity included: a
 * non-finite loss is what a diverging run logs, and it is stored as such.
 */
public final class MetricBatchRules {
    public static final int MAX_KEY_LENGTH = 128;

    private MetricBatchRules() {
    }

    /** Like "loss/D", "fid", "lr.g": letters, digits and "_ . - /", '/'-separated non-empty parts. */
    public static boolean isValidKey(String key) {
        int n = key.length();
        if (n == 0 || n > MAX_KEY_LENGTH) {
            return false;
        }
        char previous = '/';
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!plain && !(c == '/' && previous != '/')) {
                return false;
            }
            previous = c;
        }
        return previous != '/';
    }

    /** Checks a parsed request body; returns its columns. */
    public static MetricColumns check(MetricBatchJson.Parsed parsed, int maxPoints) {
        if (parsed.seq() == null) {
            throw new InvalidBatchException("seq", "seq: required (the batch's sequence number within the run)");
        }
        checkCounts(parsed.seq(), parsed.hasPoints() ? parsed.pointCount() : 0, maxPoints);
        checkPoints(parsed.columns(), parsed.missing());
        return parsed.columns();
    }

    /** Checks a batch in columns (as decoded from a Kafka record). */
    public static MetricColumns check(MetricColumns columns, int maxPoints) {
        checkCounts(columns.seq(), columns.size(), maxPoints);
        checkPoints(columns, null);
        return columns;
    }

    private static void checkCounts(long seq, int points, int maxPoints) {
        if (seq < 0) {
            throw new InvalidBatchException("seq", "seq: must be >= 0");
        }
        if (points == 0) {
            throw new InvalidBatchException("points", "points: at least one point is required");
        }
        if (points > maxPoints) {
            throw new InvalidBatchException("points", "points: at most " + maxPoints + " per batch (got " + points
                    + "); split the batch");
        }
    }

    private static void checkPoints(MetricColumns c, byte[] missing) {
        boolean[] validKey = new boolean[c.keyCount()];
        for (int k = 0; k < validKey.length; k++) {
            validKey[k] = isValidKey(c.key(k));
        }
        for (int i = 0; i < c.size(); i++) {
            int m = missing == null ? 0 : missing[i];
            if (m != 0 || !validKey[c.keyIndex(i)] || c.step(i) < 0
                    || (c.rawTime(i) < 0 && c.rawTime(i) != MetricColumns.NO_TIME)) {
                throw problem(c, i, m);
            }
        }
    }

    /** The first problem of point i, in the order key, step, value, time. */
    private static InvalidBatchException problem(MetricColumns c, int i, int missing) {
        String at = "points[" + i + "]";
        if ((missing & MetricBatchJson.MISSING_POINT) != 0) {
            return new InvalidBatchException(at, at + ": null point");
        }
        if ((missing & MetricBatchJson.MISSING_KEY) != 0) {
            return new InvalidBatchException(at + ".key", at + ".key: required");
        }
        String key = c.key(c.keyIndex(i));
        if (!isValidKey(key)) {
            return new InvalidBatchException(at + ".key", at + ".key: '" + abbreviate(key) + "' is not a valid key "
                    + "(letters, digits, '_', '.', '-', '/'-separated, at most " + MAX_KEY_LENGTH + " characters)");
        }
        if ((missing & MetricBatchJson.MISSING_STEP) != 0) {
            return new InvalidBatchException(at + ".step", at + ".step: required");
        }
        if (c.step(i) < 0) {
            return new InvalidBatchException(at + ".step", at + ".step: must be >= 0 (got " + c.step(i) + ")");
        }
        if ((missing & MetricBatchJson.MISSING_VALUE) != 0) {
            return new InvalidBatchException(at + ".value", at + ".value: required");
        }
        return new InvalidBatchException(at + ".time", at + ".time: epoch milliseconds, must be >= 0");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
