package dev.ganboard.metrics.core;

/** Shared checks on metric inputs; each failure names the source, the field and the offending value. */
public final class Inputs {
    private Inputs() {
    }

    public static void requireRows(FeatureSource x, int min, String why) {
        if (x.rows() < min) {
            throw new InvalidInputException(x.name() + ": too few samples: " + x.rows() + " rows, " + why
                    + " needs at least " + min);
        }
    }

    public static void requireCols(FeatureSource x, int min) {
        if (x.cols() < min) {
            throw new InvalidInputException(x.name() + ": shape (" + x.rows() + ", " + x.cols()
                    + ") has no feature columns");
        }
    }

    public static void requireSameDim(FeatureSource a, FeatureSource b) {
        if (a.cols() != b.cols()) {
            throw new InvalidInputException("dimension mismatch: " + a.name() + " has shape (" + a.rows() + ", "
                    + a.cols() + "), " + b.name() + " has shape (" + b.rows() + ", " + b.cols() + ")");
        }
    }

    /** Scans the source and fails on the first NaN or infinite value, naming its row and column. */
    public static void requireFinite(FeatureSource x) {
        int cols = x.cols();
        if (cols == 0) {
            return;
        }
        int block = Math.max(1, (1 << 18) / cols);
        double[] buf = new double[block * cols];
        for (int r = 0; r < x.rows(); r += block) {
            int count = Math.min(block, x.rows() - r);
            x.readRows(r, count, buf);
            for (int i = 0; i < count * cols; i++) {
                if (!Double.isFinite(buf[i])) {
                    throw nonFinite(x, r + i / cols, i % cols, buf[i]);
                }
            }
        }
    }

    /** For in-memory data: the same check without copying. */
    public static void requireFinite(DenseMatrix x) {
        double[] d = x.data();
        int cols = x.cols();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw nonFinite(x, i / cols, i % cols, d[i]);
            }
        }
    }

    public static InvalidInputException nonFinite(FeatureSource x, int row, int col, double value) {
        return new InvalidInputException(x.name() + ": " + (Double.isNaN(value) ? "NaN" : "infinite value " + value)
                + " at row " + row + ", column " + col);
    }

    public static void requirePositive(String field, long value) {
        if (value <= 0) {
            throw new InvalidInputException(field + " must be positive, got " + value);
        }
    }
}
