package dev.ganboard.metrics.prdc;

import java.util.Arrays;

/**
 * For every point of a set, the squared distance to its k-th nearest neighbour within the same set, the point
 * itself excluded by index (so a duplicate point counts as a neighbour at distance 0). Several k in one pass.
 */
final class NearestNeighbourRadii {
    private NearestNeighbourRadii() {
    }

    /** Returns {@code radii[t][i]}: squared k-th neighbour distance of point i for {@code ks[t]}. */
    static double[][] compute(SquaredDistanceBlocks self, dev.ganboard.metrics.core.DenseMatrix points, int... ks) {
        int kMax = Arrays.stream(ks).max().orElseThrow();
        double[][] radii = new double[ks.length][points.rows()];
        double[] best = new double[kMax];
        self.forEachQuery(points, self.referenceNative(), self.referenceNorms(), (q, dist, offset) -> {
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            int n = points.rows();
            for (int r = 0; r < n; r++) {
                double d2 = dist[offset + r];
                if (r != q && d2 < best[kMax - 1]) {
                    int pos = kMax - 1;
                    while (pos > 0 && best[pos - 1] > d2) {
                        best[pos] = best[pos - 1];
                        pos--;
                    }
                    best[pos] = d2;
                }
            }
            for (int t = 0; t < ks.length; t++) {
                radii[t][q] = best[ks[t] - 1];
            }
        });
        return radii;
    }
}
