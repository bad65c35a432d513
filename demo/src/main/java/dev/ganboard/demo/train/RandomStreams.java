package dev.ganboard.demo.train;

import java.util.SplittableRandom;

/**
 * Independent generators derived from a run's seed, one per purpose, so that e.g. changing n_critic does not shift
 * the initial weights. All randomness of a run comes from here, never from the engine's process-wide generator.
 */
record RandomStreams(SplittableRandom init, SplittableRandom data, SplittableRandom noise, SplittableRandom loss,
                     SplittableRandom evaluation) {

    static RandomStreams of(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new RandomStreams(root.split(), root.split(), root.split(), root.split(), root.split());
    }
}
