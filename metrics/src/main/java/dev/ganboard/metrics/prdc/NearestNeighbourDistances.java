package dev.ganboard.metrics.prdc;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.linalg.NativeMatrix;

/**
 * Euclidean distance from each query row to its nearest reference row (one dgemm per block of queries, as for
 * precision/recall). With {@code excludeSelf} the queries are the references and each row's own zero distance is
 * skipped (row i is never its own neighbour; an identical other row still gives 0).
 */
public final class NearestNeighbourDistances {
    private NearestNeighbourDistances() {
    }

    public static double[] between(DenseMatrix queries, DenseMatrix references) {
        Inputs.requireSameDim(queries, references);
        Inputs.requireRows(references, 1, "a nearest neighbour");
        return compute(queries, references, false);
    }

    public static double[] within(DenseMatrix samples) {
        Inputs.requireRows(samples, 2, "a nearest neighbour other than the sample itself");
        return compute(samples, samples, true);
    }

    private static double[] compute(DenseMatrix queries, DenseMatrix references, boolean excludeSelf) {
        double[] nearest = new double[queries.rows()];
        try (SquaredDistanceBlocks toRef = new SquaredDistanceBlocks(references);
             NativeMatrix q = excludeSelf ? null : NativeMatrix.of(queries.data(), queries.cols(), queries.rows())) {
            NativeMatrix qn = excludeSelf ? toRef.referenceNative() : q;
            double[] norms = excludeSelf ? toRef.referenceNorms() : SquaredDistanceBlocks.squaredNorms(queries);
            int refRows = references.rows();
            toRef.forEachQuery(queries, qn, norms, (i, dist, offset) -> {
                double best = Double.POSITIVE_INFINITY;
                for (int r = 0; r < refRows; r++) {
                    if (excludeSelf && r == i) {
                        continue;
                    }
                    double d2 = dist[offset + r];
                    if (d2 < best) {
                        best = d2;
                    }
                }
                nearest[i] = Math.sqrt(best);
            });
        }
        return nearest;
    }
}
