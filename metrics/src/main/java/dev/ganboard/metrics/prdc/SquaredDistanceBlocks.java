package dev.ganboard.metrics.prdc;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;

/**
 * Squared Euclidean distances between every query row and every reference row, produced one block of queries at
 * a time as ||q||^2 + ||r||^2 - 2 q.r with the dot products from one dgemm per block - never an N x N x D loop,
 * and memory bounded by one [references x block] buffer. Distances below 0 from rounding are clamped to 0.
 */
final class SquaredDistanceBlocks implements AutoCloseable {
    /** Values per distance block (16 MiB of float64). */
    private static final int BLOCK_VALUES = 1 << 21;

    /** Receives, for query {@code q}, the squared distances to all references: {@code dist[offset + r]}. */
    interface Visitor {
        void query(int q, double[] dist, int offset);
    }

    private final NativeMatrix reference;
    private final double[] referenceNorms;
    private final int refRows;
    private final int dim;

    SquaredDistanceBlocks(DenseMatrix references) {
        this.refRows = references.rows();
        this.dim = references.cols();
        this.reference = NativeMatrix.of(references.data(), dim, refRows);
        this.referenceNorms = squaredNorms(references);
    }

    void forEachQuery(DenseMatrix queries, NativeMatrix queriesNative, double[] queryNorms, Visitor visitor) {
        int block = Math.max(1, Math.min(queries.rows(), BLOCK_VALUES / Math.max(1, refRows)));
        try (NativeMatrix dots = NativeMatrix.allocate(refRows, block)) {
            double[] dist = new double[refRows * block];
            for (int q0 = 0; q0 < queries.rows(); q0 += block) {
                int count = Math.min(block, queries.rows() - q0);
                // dots[r, i] = reference_r . query_(q0 + i): references x count, one query per column
                Linalg.gemm(true, false, refRows, count, dim, 1.0, reference.pointer(), dim,
                        queriesNative.columnPointer(q0), dim, 0.0, dots.pointer(), refRows);
                dots.pointer().get(dist, 0, refRows * count);
                for (int i = 0; i < count; i++) {
                    int base = i * refRows;
                    double qn = queryNorms[q0 + i];
                    for (int r = 0; r < refRows; r++) {
                        double d2 = qn + referenceNorms[r] - 2.0 * dist[base + r];
                        dist[base + r] = d2 > 0 ? d2 : 0.0;
                    }
                    visitor.query(q0 + i, dist, base);
                }
            }
        }
    }

    NativeMatrix referenceNative() {
        return reference;
    }

    double[] referenceNorms() {
        return referenceNorms;
    }

    static double[] squaredNorms(DenseMatrix x) {
        double[] norms = new double[x.rows()];
        int d = x.cols();
        double[] data = x.data();
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                s += data[j] * data[j];
            }
            norms[i] = s;
        }
        return norms;
    }

    @Override
    public void close() {
        reference.close();
    }
}
