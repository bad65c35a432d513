package dev.ganboard.metrics.core;

/**
 * A row-major table of samples, shape [rows, cols], that metrics read in blocks of rows as float64.
 * Implemented by in-memory matrices and by .npy files read lazily, so FID can stream large feature files.
 */
public interface FeatureSource {

    /** A short name for messages: the file path, or a label such as "real". */
    String name();

    int rows();

    int cols();

    /** Copies rows [first, first + count) into {@code dst[0 .. count * cols())}, row-major, as float64. */
    void readRows(int first, int count, double[] dst);

    /**
     * Copies rows [first, first + count) minus {@code shift} (one value per column) into {@code dst} from index
     * 0, row-major, as float64, and adds each column's shifted values to {@code sums} - the centring step of a
     * covariance, written straight into a (native) buffer. Sources override it to fuse reading, conversion,
     * shifting and summing in one pass.
     */
    default void readRowsShifted(int first, int count, double[] shift, java.nio.DoubleBuffer dst, double[] sums) {
        int d = cols();
        double[] tmp = new double[count * d];
        readRows(first, count, tmp);
        for (int i = 0; i < count; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                double v = tmp[base + j] - shift[j];
                dst.put(base + j, v);
                sums[j] += v;
            }
        }
    }

    /** The element type of the underlying data, e.g. "float32"; informational. */
    default String dtype() {
        return "float64";
    }
}
