package dev.ganboard.worker.generator;

import java.util.List;

/** The value range a generator declares for its image outputs; mapped to [0, 1] for the suite. */
public enum OutputRange {
    MINUS_ONE_TO_ONE(-1, 1, "-1,1"),
    ZERO_TO_ONE(0, 1, "0,1");

    private final double low;
    private final double high;
    private final String text;

    OutputRange(double low, double high, String text) {
        this.low = low;
        this.high = high;
        this.text = text;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** As in the metadata, e.g. "-1,1". */
    public String text() {
        return text;
    }

    /** Outputs further than this outside the range fail the evaluation; those within it are clipped. */
    public double tolerance() {
        return 0.05 * (high - low);
    }

    public double toUnit(double v) {
        double u = (v - low) / (high - low);
        return u < 0 ? 0 : u > 1 ? 1 : u;
    }

    /** "-1,1", "0,1" (spaces allowed) or a two-element list [-1, 1] / [0, 1]; null when neither. */
    static OutputRange parse(Object value) {
        String text;
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number a
                && list.get(1) instanceof Number b) {
            text = format(a.doubleValue()) + "," + format(b.doubleValue());
        } else if (value instanceof String s) {
            text = s.replace(" ", "").replace("[", "").replace("]", "");
        } else {
            return null;
        }
        for (OutputRange r : values()) {
            if (r.text.equals(text) || (format(r.low) + "," + format(r.high)).equals(text)
                    || (r.low + "," + r.high).equals(text)) {
                return r;
            }
        }
        return null;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
