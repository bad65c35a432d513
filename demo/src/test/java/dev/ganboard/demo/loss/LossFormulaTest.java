package dev.ganboard.demo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ganboard.demo.nn.Autograd;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each loss on known logits against its textbook formula, evaluated here in plain double arithmetic. */
class LossFormulaTest {
    private static final double[] REAL = {2.5, -1.0, 0.3, 40.0, -35.0};
    private static final double[] FAKE = {-0.7, 1.2, 0.0, -42.0, 33.0};
    private static final double TOL = 1e-9;

    private NDManager manager;
    private Autograd off;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        off = Autograd.pause();
    }

    @AfterEach
    void tearDown() {
        off.close();
        manager.close();
    }

    @Test
    void nonSaturating() {
        GanLoss loss = LossKind.NS.create(0);
        assertEquals(bceD(), d(loss), TOL);
        assertEquals(mean(FAKE, f -> minusLogSigmoid(f)), g(loss), TOL);
    }

    @Test
    void minimax() {
        GanLoss loss = LossKind.MM.create(0);
        assertEquals(bceD(), d(loss), TOL);
        assertEquals(mean(FAKE, f -> -minusLogOneMinusSigmoid(f)), g(loss), TOL);
    }

    @Test
    void leastSquares() {
        GanLoss loss = LossKind.LS.create(0);
        assertEquals(0.5 * mean(REAL, r -> (r - 1) * (r - 1)) + 0.5 * mean(FAKE, f -> f * f), d(loss), TOL);
        assertEquals(0.5 * mean(FAKE, f -> (f - 1) * (f - 1)), g(loss), TOL);
    }

    @Test
    void hinge() {
        GanLoss loss = LossKind.HINGE.create(0);
        assertEquals(mean(REAL, r -> Math.max(0, 1 - r)) + mean(FAKE, f -> Math.max(0, 1 + f)), d(loss), TOL);
        assertEquals(-mean(FAKE, f -> f), g(loss), TOL);
    }

    /** With the linear critic D(x) = a.x the input gradient is a everywhere, so the penalty is (|a| - 1)^2. */
    @Test
    void wganGpWithLinearCritic() {
        double[] a = {1.5, -2.0};
        double lambda = 10;
        double[] real = {0.2, 1.0, -1.0, 0.5, 3.0, 0.0};
        double[] fake = {1.0, 1.0, 0.4, -2.0, -0.5, 0.25};
        DiscriminatorLoss l = LossKind.WGAN_GP.create(lambda).discriminator(linear(a),
                manager.create(real, new Shape(3, 2)), manager.create(fake, new Shape(3, 2)), new SplittableRandom(1));
        double meanReal = (dot(a, real, 0) + dot(a, real, 1) + dot(a, real, 2)) / 3;
        double meanFake = (dot(a, fake, 0) + dot(a, fake, 1) + dot(a, fake, 2)) / 3;
        double gp = Math.pow(Math.hypot(a[0], a[1]) - 1, 2);
        assertEquals(meanFake - meanReal + lambda * gp, l.total().getDouble(), 1e-9);
        Map<String, NDArray> extras = l.extras();
        assertEquals(gp, extras.get(WganGpLoss.GP_KEY).getDouble(), 1e-9);
        assertEquals(meanReal - meanFake, extras.get(WganGpLoss.WASSERSTEIN_KEY).getDouble(), 1e-9);
        assertEquals(-mean(FAKE, f -> f), g(LossKind.WGAN_GP.create(lambda)), TOL);
    }

    @Test
    void wganGpPenaltyIsZeroForUnitGradient() {
        NDArray x = manager.create(new double[] {0.1, 0.2, 0.3, 0.4}, new Shape(2, 2));
        assertEquals(0, WganGpLoss.gradientPenalty(linear(new double[] {0.6, 0.8}), x).getDouble(), 1e-12);
    }

    private double d(GanLoss loss) {
        return loss.discriminator(IDENTITY, column(REAL), column(FAKE), new SplittableRandom(1)).total().getDouble();
    }

    private double g(GanLoss loss) {
        return loss.generator(column(FAKE)).getDouble();
    }

    private NDArray column(double[] v) {
        return manager.create(v, new Shape(v.length, 1));
    }

    /** Inputs are the logits themselves. */
    private static final Critic IDENTITY = new Critic() {
        @Override
        public NDArray scores(NDArray x) {
            return x;
        }

        @Override
        public NDArray inputGradient(NDArray x) {
            return x.onesLike();
        }
    };

    private Critic linear(double[] a) {
        NDArray w = manager.create(a, new Shape(2, 1));
        return new Critic() {
            @Override
            public NDArray scores(NDArray x) {
                return x.matMul(w);
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return x.getManager().ones(new Shape(x.getShape().get(0), 1), DataType.FLOAT64).matMul(w.transpose());
            }
        };
    }

    private static double bceD() {
        return mean(REAL, LossFormulaTest::minusLogSigmoid) + mean(FAKE, LossFormulaTest::minusLogOneMinusSigmoid);
    }

    /** -log sigmoid(x) = log(1 + e^-x); the textbook form loses most digits in double at |x| ~ 30. */
    private static double minusLogSigmoid(double x) {
        return Math.log1p(Math.exp(-x));
    }

    /** -log(1 - sigmoid(x)) = log(1 + e^x). */
    private static double minusLogOneMinusSigmoid(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double mean(double[] v, DoubleUnaryOperator f) {
        double s = 0;
        for (double x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    private static double dot(double[] a, double[] rows, int i) {
        return a[0] * rows[2 * i] + a[1] * rows[2 * i + 1];
    }
}
