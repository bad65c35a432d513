package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * LSGAN (Mao et al. 2017) with targets a = 0, b = c = 1: D minimises 1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2],
 * G minimises 1/2 E[(D(G(z)) - 1)^2].
 */
public final class LeastSquaresLoss implements GanLoss {

    @Override
    public DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray r = critic.scores(real).sub(1f).square().mean();
        NDArray f = critic.scores(fake).square().mean();
        return DiscriminatorLoss.of(r.add(f).mul(0.5f));
    }

    @Override
    public NDArray generator(NDArray fakeScores) {
        return fakeScores.sub(1f).square().mean().mul(0.5f);
    }
}
