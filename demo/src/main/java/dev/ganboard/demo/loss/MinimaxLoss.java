package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/** MM-GAN (Goodfellow et al. 2014, the original game): G minimises E[log(1 - sigmoid(D(G(z))))]. */
public final class MinimaxLoss implements GanLoss {

    @Override
    public DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng) {
        return DiscriminatorLoss.of(Logits.binaryCrossEntropy(critic.scores(real), critic.scores(fake)));
    }

    /** log(1 - sigmoid(x)) = -softplus(x). */
    @Override
    public NDArray generator(NDArray fakeScores) {
        return Logits.softplus(fakeScores).mean().neg();
    }
}
