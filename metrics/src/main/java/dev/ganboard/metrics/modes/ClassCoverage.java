package dev.ganboard.metrics.modes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mode coverage on images, with the domain classifier's predicted class as the mode: q = histogram of predicted
 * classes of the generated images, p = class distribution of the real held-out labels. A class is covered when
 * its share reaches {@link #MIN_SHARE_OF_REAL} of its real share (q_c >= 0.2 p_c): a collapsed generator still
 * gets a few images misclassified into other classes, which must not count as covering them.
 * kl_classes = KL(q || p) = sum_c q_c ln(q_c / p_c) with 0 ln 0 = 0 (nats; 0 for a perfect match).
 */
public final class ClassCoverage {
    static final double MIN_SHARE_OF_REAL = 0.2;

    private ClassCoverage() {
    }

    public record Result(int covered, int classes, double kl, long[] predictedCounts, double[] realShares) {
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("classes_covered", covered);
            m.put("n_classes", classes);
            m.put("kl_classes", kl);
            m.put("predicted_counts", java.util.Arrays.stream(predictedCounts).boxed().toList());
            m.put("real_shares", realShares.clone());
            m.put("covered_rule", "a class is covered when its share of the predicted classes is at least "
                    + MIN_SHARE_OF_REAL + " times its share of the real held-out labels");
            m.put("kl_definition", "KL(predicted-class histogram of the samples || real class distribution), nats");
            return m;
        }
    }

    public static Result compute(int[] predicted, int[] realLabels, int classes) {
        long[] counts = new long[classes];
        for (int c : predicted) {
            counts[c]++;
        }
        double[] real = new double[classes];
        for (int l : realLabels) {
            real[l]++;
        }
        for (int c = 0; c < classes; c++) {
            real[c] /= realLabels.length;
        }
        int covered = 0;
        double kl = 0;
        for (int c = 0; c < classes; c++) {
            double q = (double) counts[c] / predicted.length;
            if (real[c] > 0 && q >= MIN_SHARE_OF_REAL * real[c] - 1e-12) { // 0.2 * 0.1 is 0.020000000000000004
                covered++;
            }
            if (q > 0) {
                kl += q * Math.log(q / Math.max(real[c], 1e-12));
            }
        }
        return new Result(covered, classes, kl, counts, real);
    }
}
