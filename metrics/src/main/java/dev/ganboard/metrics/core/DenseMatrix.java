package dev.ganboard.metrics.core;

import java.util.Arrays;

/** An in-memory row-major float64 matrix. The array is shared, not copied: treat it as read-only. */
public record DenseMatrix(String name, int rows, int cols, double[] data) implements FeatureSource {

    public DenseMatrix {
        if (rows < 0 || cols < 0) {
            throw new InvalidInputException(name + ": negative shape (" + rows + ", " + cols + ")");
        }
        if ((long) rows * cols != data.length) {
            throw new InvalidInputException(name + ": " + data.length + " values do not fill shape ("
                    + rows + ", " + cols + ")");
        }
    }

    public static DenseMatrix of(String name, double[][] rowArrays) {
        int rows = rowArrays.length;
        int cols = rows == 0 ? 0 : rowArrays[0].length;
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            if (rowArrays[i].length != cols) {
                throw new InvalidInputException(name + ": row " + i + " has " + rowArrays[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rowArrays[i], 0, data, i * cols, cols);
        }
        return new DenseMatrix(name, rows, cols, data);
    }

    /** Reads a whole source into memory (used by the metrics that need random access to rows). */
    public static DenseMatrix copyOf(FeatureSource source) {
        if (source instanceof DenseMatrix m) {
            return m;
        }
        long size = (long) source.rows() * source.cols();
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(source.name() + ": " + source.rows() + " x " + source.cols()
                    + " values are too many to hold in memory for this metric");
        }
        double[] data = new double[(int) size];
        int cols = source.cols();
        int block = Math.max(1, (1 << 20) / Math.max(1, cols));
        double[] buf = new double[block * cols];
        for (int r = 0; r < source.rows(); r += block) {
            int count = Math.min(block, source.rows() - r);
            source.readRows(r, count, buf);
            System.arraycopy(buf, 0, data, r * cols, count * cols);
        }
        return new DenseMatrix(source.name(), source.rows(), cols, data);
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    public double[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    @Override
    public void readRows(int first, int count, double[] dst) {
        System.arraycopy(data, first * cols, dst, 0, count * cols);
    }
}
