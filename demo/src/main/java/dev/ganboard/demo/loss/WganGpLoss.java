package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ganboard.demo.nn.HostArrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * WGAN-GP (Gulrajani et al. 2017): the critic minimises E[D(G(z))] - E[D(x)] + lambda E[(||grad_x D(x^)|| - 1)^2]
 * at x^ = e x + (1 - e) G(z), e ~ U[0, 1) per sample; G minimises -E[D(G(z))]. Logs the penalty ("loss/gp") and
 * the Wasserstein estimate E[D(x)] - E[D(G(z))] ("wasserstein").
 */
public final class WganGpLoss implements GanLoss {
    public static final String GP_KEY = "loss/gp";
    public static final String WASSERSTEIN_KEY = "wasserstein";
    /** Keeps the norm's gradient finite where the input gradient vanishes. */
    private static final float NORM_EPS = 1e-12f;

    private final double gpWeight;

    public WganGpLoss(double gpWeight) {
        this.gpWeight = gpWeight;
    }

    @Override
    public DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray wasserstein = critic.scores(real).mean().sub(critic.scores(fake).mean());
        NDArray penalty = gradientPenalty(critic, interpolate(real, fake, rng));
        NDArray total = wasserstein.neg().add(penalty.mul((float) gpWeight));
        return new DiscriminatorLoss(total, Map.of(GP_KEY, penalty, WASSERSTEIN_KEY, wasserstein));
    }

    @Override
    public NDArray generator(NDArray fakeScores) {
        return fakeScores.mean().neg();
    }

    /** E[(||grad_x D(x)|| - 1)^2] over the rows of x. */
    public static NDArray gradientPenalty(Critic critic, NDArray x) {
        NDArray g = critic.inputGradient(x);
        NDArray norm = g.square().sum(new int[] {1}).add(NORM_EPS).sqrt();
        return norm.sub(1f).square().mean();
    }

    private static NDArray interpolate(NDArray real, NDArray fake, RandomGenerator rng) {
        int n = Math.toIntExact(real.getShape().get(0));
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            e[i] = (float) rng.nextDouble();
        }
        NDArray eps = HostArrays.create(real.getManager(), e, new Shape(n, 1));
        return real.mul(eps).add(fake.mul(eps.neg().add(1f)));
    }
}
