package dev.ganboard.metrics.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A column-major float64 matrix in native memory, handed to OpenBLAS/LAPACK without copies. Close it to free
 * the memory at once (large matrices should not wait for the garbage collector).
 */
public final class NativeMatrix implements AutoCloseable {
    private final DoublePointer ptr;
    private final int rows;
    private final int cols;

    private NativeMatrix(int rows, int cols) {
        Blas.ensureLoaded();
        this.rows = rows;
        this.cols = cols;
        this.ptr = new DoublePointer(Math.max(1L, (long) rows * cols));
    }

    public static NativeMatrix allocate(int rows, int cols) {
        return new NativeMatrix(rows, cols);
    }

    public static NativeMatrix zeros(int rows, int cols) {
        NativeMatrix m = new NativeMatrix(rows, cols);
        m.ptr.zero();
        return m;
    }

    /** Copies a column-major array (for a symmetric matrix the order does not matter). */
    public static NativeMatrix of(double[] columnMajor, int rows, int cols) {
        if ((long) rows * cols != columnMajor.length) {
            throw new IllegalArgumentException(columnMajor.length + " values for " + rows + " x " + cols);
        }
        NativeMatrix m = new NativeMatrix(rows, cols);
        m.ptr.put(columnMajor, 0, columnMajor.length);
        return m;
    }

    public NativeMatrix copy() {
        NativeMatrix m = new NativeMatrix(rows, cols);
        Pointer.memcpy(m.ptr, ptr, (long) rows * cols * Double.BYTES);
        return m;
    }

    public DoublePointer pointer() {
        return ptr;
    }

    /** A view of the storage from column {@code col} on (no copy; valid while this matrix is open). */
    public DoublePointer columnPointer(int col) {
        return new DoublePointer(ptr).position((long) col * rows);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int row, int col) {
        return ptr.get((long) col * rows + row);
    }

    public void put(int row, int col, double value) {
        ptr.put((long) col * rows + row, value);
    }

    /** Writes {@code values} starting at element {@code offset} (column-major index). */
    public void put(long offset, double[] values, int from, int length) {
        ptr.position(offset).put(values, from, length);
        ptr.position(0);
    }

    /** Copies the whole matrix (column-major) into {@code dst}, which must hold rows * cols values. */
    public void copyTo(double[] dst) {
        ptr.get(dst, 0, rows * cols);
    }

    /** The whole matrix as a column-major array. */
    public double[] toArray() {
        double[] out = new double[rows * cols];
        ptr.get(out, 0, out.length);
        return out;
    }

    public double trace() {
        double t = 0;
        for (int i = 0; i < Math.min(rows, cols); i++) {
            t += get(i, i);
        }
        return t;
    }

    @Override
    public void close() {
        ptr.close();
    }
}
