package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/** NS-GAN (Goodfellow et al. 2014, the practical variant): G minimises -E[log sigmoid(D(G(z)))]. */
public final class NonSaturatingLoss implements GanLoss {

    @Override
    public DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng) {
        return DiscriminatorLoss.of(Logits.binaryCrossEntropy(critic.scores(real), critic.scores(fake)));
    }

    @Override
    public NDArray generator(NDArray fakeScores) {
        return Logits.softplus(fakeScores.neg()).mean();
    }
}
