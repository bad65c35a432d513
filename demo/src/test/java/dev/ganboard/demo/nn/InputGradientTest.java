package dev.ganboard.demo.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.ganboard.demo.loss.Critic;
import dev.ganboard.demo.loss.WganGpLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytic input gradient of the critic, and the penalty's weight gradient through it, against finite
 * differences (float64).
 */
class InputGradientTest {
    private static final double H = 1e-6;

    private NDManager manager;
    private Mlp mlp;
    private ParameterStore store;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        mlp = new Mlp(16, 3, 1, 0.2f);
        mlp.block().setInitializer(new SeededInitializer(new SplittableRandom(7)), Parameter.Type.WEIGHT);
        mlp.block().setInitializer(new SeededInitializer(new SplittableRandom(8)), Parameter.Type.BIAS);
        mlp.block().initialize(manager, DataType.FLOAT64, new Shape(1, 2));
        store = new ParameterStore(manager, false);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        try (Autograd off = Autograd.pause()) {
            double[] x = points(6, 11);
            NDArray analytic = InputGradient.of(mlp, manager.create(x, new Shape(6, 2)));
            double[] g = analytic.toDoubleArray();
            assertEquals(new Shape(6, 2), analytic.getShape());
            for (int i = 0; i < x.length; i++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += H;
                minus[i] -= H;
                double numeric = (score(plus, i / 2) - score(minus, i / 2)) / (2 * H);
                assertEquals(numeric, g[i], 1e-7 * Math.max(1, Math.abs(numeric)), "d D / d x at " + i);
            }
        }
    }

    @Test
    void penaltyGradientWithRespectToWeightsMatchesFiniteDifferences() {
        double[] x = points(8, 12);
        NDArray input = manager.create(x, new Shape(8, 2));
        for (Parameter p : mlp.block().getParameters().values()) {
            p.getArray().setRequiresGradient(true);
        }
        try (Autograd tape = Autograd.record()) {
            tape.backward(WganGpLoss.gradientPenalty(critic(), input));
        }
        for (String name : new String[] {"01Linear_weight", "03Linear_weight", "05Linear_weight",
                "07Linear_weight"}) {
            NDArray w = mlp.block().getParameters().get(name).getArray();
            double[] grad = w.getGradient().toDoubleArray();
            try (Autograd off = Autograd.pause()) {
                for (int k = 0; k < Math.min(grad.length, 6); k++) {
                    int row = (int) (k % w.getShape().get(0));
                    int col = (int) (k / w.getShape().get(0) % w.getShape().get(1));
                    double numeric = penaltyDerivative(w, row, col, input);
                    int flat = (int) (row * w.getShape().get(1) + col);
                    assertEquals(numeric, grad[flat], 1e-6 * Math.max(1, Math.abs(numeric)),
                            "d GP / d " + name + "[" + row + "," + col + "]");
                }
            }
        }
    }

    private double penaltyDerivative(NDArray w, int row, int col, NDArray input) {
        NDIndex at = new NDIndex(row, col);
        double original = w.get(at).getDouble();
        w.set(at, original + H);
        double plus = WganGpLoss.gradientPenalty(critic(), input).getDouble();
        w.set(at, original - H);
        double minus = WganGpLoss.gradientPenalty(critic(), input).getDouble();
        w.set(at, original);
        return (plus - minus) / (2 * H);
    }

    private Critic critic() {
        return new Critic() {
            @Override
            public NDArray scores(NDArray x) {
                return mlp.block().forward(store, new NDList(x), false).singletonOrThrow();
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return InputGradient.of(mlp, x);
            }
        };
    }

    private double score(double[] x, int row) {
        NDArray s = critic().scores(manager.create(x, new Shape(x.length / 2, 2)));
        return s.toDoubleArray()[row];
    }

    private static double[] points(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextGaussian();
        }
        return x;
    }
}
