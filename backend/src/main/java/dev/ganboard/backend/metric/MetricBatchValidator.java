package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.protocol.MetricPoint;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a batch as a whole before anything of it travels on: one bad point refuses the batch, naming the field. */
public final class MetricBatchValidator {
    /** Like "loss/D", "fid", "lr.g": letters, digits and "_ . - /", no leading or trailing slash. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    public static final int MAX_KEY_LENGTH = 128;

    private MetricBatchValidator() {
    }

    public static void validate(Long seq, List<MetricPoint> points, int maxPoints) {
        if (seq == null) {
            throw ApiException.badRequest("seq", "seq: required (the batch's sequence number within the run)");
        }
        if (seq < 0) {
            throw ApiException.badRequest("seq", "seq: must be >= 0");
        }
        if (points == null || points.isEmpty()) {
            throw ApiException.badRequest("points", "points: at least one point is required");
        }
        if (points.size() > maxPoints) {
            throw ApiException.badRequest("points", "points: at most " + maxPoints + " per batch (got "
                    + points.size() + "); split the batch");
        }
        for (int i = 0; i < points.size(); i++) {
            validatePoint(points.get(i), "points[" + i + "]");
        }
    }

    private static void validatePoint(MetricPoint p, String at) {
        if (p == null) {
            throw ApiException.badRequest(at, at + ": null point");
        }
        if (p.key() == null || p.key().isEmpty()) {
            throw ApiException.badRequest(at + ".key", at + ".key: required");
        }
        if (p.key().length() > MAX_KEY_LENGTH || !KEY.matcher(p.key()).matches()) {
            throw ApiException.badRequest(at + ".key", at + ".key: '" + abbreviate(p.key()) + "' is not a valid key "
                    + "(letters, digits, '_', '.', '-', '/'-separated, at most " + MAX_KEY_LENGTH + " characters)");
        }
        if (p.step() == null) {
            throw ApiException.badRequest(at + ".step", at + ".step: required");
        }
        if (p.step() < 0) {
            throw ApiException.badRequest(at + ".step", at + ".step: must be >= 0 (got " + p.step() + ")");
        }
        if (p.value() == null) {
            throw ApiException.badRequest(at + ".value", at + ".value: required");
        }
        if (!Double.isFinite(p.value())) {
            throw ApiException.badRequest(at + ".value", at + ".value: must be a finite number (got " + p.value() + ")");
        }
        if (p.time() != null && p.time() < 0) {
            throw ApiException.badRequest(at + ".time", at + ".time: epoch milliseconds, must be >= 0");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
