package dev.ganboard.demo.train;

import java.util.Map;

/** What a training run reports, on the training thread. */
public interface TrainingListener {

    /**
     * After generator update {@code step} (1-based): "loss/D" (of the last critic update), "loss/G", and for
     * WGAN-GP "loss/gp" and "wasserstein".
     */
    void onStep(long step, Map<String, Double> losses);

    /** Generated samples from a fixed noise batch, at every checkpoint step. */
    void onCheckpoint(long step, Samples samples);
}
