package dev.ganboard.worker.generator;

import java.util.List;

/**
 * The value range a generator declares for its image outputs ([low, high], e.g. [-1, 1] for tanh); mapped to
 * [0, 1] for the suite. Point generators keep their raw outputs, so the range only matters for images.
 */
public record OutputRange(double low, double high) {
    public static final OutputRange MINUS_ONE_TO_ONE = new OutputRange(-1, 1);
    public static final OutputRange ZERO_TO_ONE = new OutputRange(0, 1);

    public OutputRange {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("an output range needs finite low < high, got " + low + ", " + high);
        }
    }

    /** As in the metadata, e.g. "-1,1". */
    public String text() {
        return format(low) + "," + format(high);
    }

    /** Outputs further than this outside the range fail the evaluation; those within it are clipped. */
    public double tolerance() {
        return 0.05 * (high - low);
    }

    public double toUnit(double v) {
        double u = (v - low) / (high - low);
        return u < 0 ? 0 : u > 1 ? 1 : u;
    }

    /** "low,high" (spaces and brackets allowed) or a two-element list [low, high]; null when neither. */
    static OutputRange parse(Object value) {
        double a;
        double b;
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number x
                && list.get(1) instanceof Number y) {
            a = x.doubleValue();
            b = y.doubleValue();
        } else if (value instanceof String s) {
            String[] parts = s.replace(" ", "").replace("[", "").replace("]", "").split(",");
            if (parts.length != 2) {
                return null;
            }
            try {
                a = Double.parseDouble(parts[0]);
                b = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(a) && Double.isFinite(b) && a < b ? new OutputRange(a, b) : null;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
