package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * Hinge loss (Lim and Ye 2017; Miyato et al. 2018): D minimises E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))],
 * G minimises -E[D(G(z))].
 */
public final class HingeLoss implements GanLoss {

    @Override
    public DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray r = critic.scores(real).neg().add(1f).maximum(0f).mean();
        NDArray f = critic.scores(fake).add(1f).maximum(0f).mean();
        return DiscriminatorLoss.of(r.add(f));
    }

    @Override
    public NDArray generator(NDArray fakeScores) {
        return fakeScores.mean().neg();
    }
}
