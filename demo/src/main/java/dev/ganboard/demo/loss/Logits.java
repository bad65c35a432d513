package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Numerically stable pieces of the logistic losses. */
final class Logits {
    private Logits() {
    }

    /** softplus(x) = log(1 + e^x), elementwise; the engine's single fused operation, stable for large |x|. */
    static NDArray softplus(NDArray x) {
        return Activation.softPlus(x);
    }

    /** The standard discriminator loss -E[log sigmoid(r)] - E[log(1 - sigmoid(f))] of NS- and MM-GAN. */
    static NDArray binaryCrossEntropy(NDArray realScores, NDArray fakeScores) {
        return softplus(realScores.neg()).mean().add(softplus(fakeScores).mean());
    }
}
