package dev.ganboard.demo.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ganboard.demo.loss.Critic;
import dev.ganboard.demo.loss.WganGpLoss;
import dev.ganboard.demo.nn.Autograd;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conv generator and critic: shapes, labels, and the critic's hand-written input gradient (and the gradient
 * penalty's weight gradient through it) against central finite differences in float64.
 */
class ConvNetsTest {
    private static final double H = 1e-6;
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void generatorMakesImagesAndCriticScoresThem() {
        try (Autograd off = Autograd.pause()) {
            ConvGenerator g = new ConvGenerator(manager, 8, 4, 0, DataType.FLOAT32, new SplittableRandom(1));
            ConvCritic d = new ConvCritic(manager, 4, 0, DataType.FLOAT32, new SplittableRandom(2));
            NDArray images = g.forward(gaussian(5, 8, 3, DataType.FLOAT32), null);
            assertEquals(new Shape(5, 1, 28, 28), images.getShape());
            float[] px = images.toFloatArray();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : px) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(min > -1 && max < 1 && max > min, "tanh output in (-1, 1), not constant: " + min + ".." + max);
            assertEquals(new Shape(5, 1), d.scores(images.reshape(5, 784), null).getShape());
            assertThrows(IllegalArgumentException.class, () -> g.forward(gaussian(5, 8, 3, DataType.FLOAT32),
                    oneHot(new int[] {1, 2, 3, 4, 5}, DataType.FLOAT32)));
        }
    }

    @Test
    void conditionalNetsUseTheLabels() {
        try (Autograd off = Autograd.pause()) {
            ConvGenerator g = new ConvGenerator(manager, 8, 4, 10, DataType.FLOAT32, new SplittableRandom(1));
            ConvCritic d = new ConvCritic(manager, 4, 10, DataType.FLOAT32, new SplittableRandom(2));
            // the same noise row four times with labels 0, 0, 3, 7
            NDArray z = gaussian(1, 8, 4, DataType.FLOAT32).repeat(0, 4);
            NDArray images = g.forward(z, oneHot(new int[] {0, 0, 3, 7}, DataType.FLOAT32));
            float[][] rows = rows(images.toFloatArray(), 4);
            // batch norm uses batch statistics, so compare within one batch: same label, same image
            assertEquals(0, maxDiff(rows[0], rows[1]), 1e-6);
            assertTrue(maxDiff(rows[0], rows[2]) > 1e-3, "labels 0 and 3 give the same image");
            assertTrue(maxDiff(rows[2], rows[3]) > 1e-3, "labels 3 and 7 give the same image");
            NDArray x = images.reshape(4, 784);
            float[] s = d.scores(x, oneHot(new int[] {0, 0, 3, 7}, DataType.FLOAT32)).toFloatArray();
            float[] same = d.scores(x, oneHot(new int[] {0, 0, 0, 0}, DataType.FLOAT32)).toFloatArray();
            assertEquals(s[0], same[0], 1e-6);
            assertTrue(Math.abs(s[2] - same[2]) > 1e-6, "the projection term ignores the label");
            assertThrows(IllegalArgumentException.class, () -> d.scores(x, null));
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        for (int classes : new int[] {0, 10}) {
            try (Autograd off = Autograd.pause()) {
                ConvCritic d = new ConvCritic(manager, 3, classes, DataType.FLOAT64, new SplittableRandom(5));
                int n = 2;
                double[] x = gaussian(n, 784, 6, DataType.FLOAT64).toDoubleArray();
                NDArray y = classes == 0 ? null : oneHot(new int[] {4, 9}, DataType.FLOAT64);
                double[] g = d.inputGradient(manager.create(x, new Shape(n, 784)), y).toDoubleArray();
                assertEquals(n * 784, g.length);
                SplittableRandom pick = new SplittableRandom(9);
                for (int k = 0; k < 40; k++) {
                    int i = pick.nextInt(x.length);
                    double numeric = (score(d, x, i, H, y) - score(d, x, i, -H, y)) / (2 * H);
                    assertEquals(numeric, g[i], 1e-6 * Math.max(1, Math.abs(numeric)),
                            "d D / d x at " + i + " (classes " + classes + ")");
                }
            }
        }
    }

    @Test
    void penaltyGradientWithRespectToWeightsMatchesFiniteDifferences() {
        ConvCritic d = new ConvCritic(manager, 3, 10, DataType.FLOAT64, new SplittableRandom(5));
        NDArray x = gaussian(3, 784, 8, DataType.FLOAT64);
        NDArray y = oneHot(new int[] {1, 5, 8}, DataType.FLOAT64);
        d.parameters().zeroGradients();
        try (Autograd tape = Autograd.record()) {
            tape.backward(WganGpLoss.gradientPenalty(critic(d, y), x));
        }
        for (String name : new String[] {"conv1.weight", "conv2.weight", "out.weight", "embed.weight"}) {
            NDArray w = d.parameters().trainable().get(name);
            double[] grad = w.getGradient().toDoubleArray();
            try (Autograd off = Autograd.pause()) {
                SplittableRandom pick = new SplittableRandom(name.hashCode());
                for (int k = 0; k < 4; k++) {
                    int i = pick.nextInt(grad.length);
                    double base = w.toDoubleArray()[i];
                    double plus = penaltyWith(d, w, i, base + H, x, y);
                    double minus = penaltyWith(d, w, i, base - H, x, y);
                    setFlat(w, i, base);
                    double numeric = (plus - minus) / (2 * H);
                    assertEquals(numeric, grad[i], 1e-5 * Math.max(1, Math.abs(numeric)), name + "[" + i + "]");
                }
            }
        }
    }

    private static Critic critic(ConvCritic d, NDArray y) {
        return new Critic() {
            @Override
            public NDArray scores(NDArray x) {
                return d.scores(x, y);
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return d.inputGradient(x, y);
            }
        };
    }

    private double penaltyWith(ConvCritic d, NDArray w, int i, double value, NDArray x, NDArray y) {
        setFlat(w, i, value);
        return WganGpLoss.gradientPenalty(critic(d, y), x).getDouble();
    }

    private static void setFlat(NDArray w, int i, double value) {
        long[] dims = w.getShape().getShape();
        long[] at = new long[dims.length];
        long rest = i;
        for (int k = dims.length - 1; k >= 0; k--) {
            at[k] = rest % dims[k];
            rest /= dims[k];
        }
        w.set(new NDIndex(at), value);
    }

    /** Score of row i / 784 with x[i] shifted by h. */
    private double score(ConvCritic d, double[] x, int i, double h, NDArray y) {
        double[] shifted = x.clone();
        shifted[i] += h;
        return d.scores(manager.create(shifted, new Shape(x.length / 784, 784)), y).toDoubleArray()[i / 784];
    }

    private NDArray gaussian(int rows, int cols, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return manager.create(v, new Shape(rows, cols)).toType(type, false);
    }

    private NDArray oneHot(int[] labels, DataType type) {
        double[] v = new double[labels.length * 10];
        for (int i = 0; i < labels.length; i++) {
            v[i * 10 + labels[i]] = 1;
        }
        return manager.create(v, new Shape(labels.length, 10)).toType(type, false);
    }

    private static float[][] rows(float[] data, int n) {
        float[][] out = new float[n][data.length / n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * out[i].length, out[i], 0, out[i].length);
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
