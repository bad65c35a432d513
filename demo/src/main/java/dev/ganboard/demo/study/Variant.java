package dev.ganboard.demo.study;

import dev.ganboard.demo.loss.LossKind;

/**
 * A named GAN configuration, e.g. "WGAN-GP" = loss wgan-gp with its hyper-parameters. {@code conditional}: the
 * generator and critic see class labels (image datasets only).
 */
public record Variant(String name, LossKind loss, Hyperparameters hyperparameters, Architecture architecture,
                      boolean conditional) {

    /** An unconditional MLP variant (the 2-D mixtures). */
    public Variant(String name, LossKind loss, Hyperparameters hyperparameters) {
        this(name, loss, hyperparameters, Architecture.MLP, false);
    }
}
