package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * A GAN objective: the discriminator's (critic's) loss on a real and a generated batch, and the generator's loss
 * from the critic's scores on generated samples. Scores are raw logits, shape [N, 1]; both losses are minimised.
 */
public interface GanLoss {

    /** {@code rng} draws anything the loss needs beyond the batches (WGAN-GP's interpolation weights). */
    DiscriminatorLoss discriminator(Critic critic, NDArray real, NDArray fake, RandomGenerator rng);

    NDArray generator(NDArray fakeScores);
}
