package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;

/** The discriminator as a loss sees it: scores of inputs and, for gradient penalties, their input gradient. */
public interface Critic {

    /** Scores (logits), shape [N, 1], of inputs x of shape [N, d]. */
    NDArray scores(NDArray x);

    /** d score_i / d x_i per row, shape [N, d], differentiable w.r.t. the critic's parameters. */
    NDArray inputGradient(NDArray x);
}
