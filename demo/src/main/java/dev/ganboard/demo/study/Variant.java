package dev.ganboard.demo.study;

import dev.ganboard.demo.loss.LossKind;

/** A named GAN configuration, e.g. "WGAN-GP" = loss wgan-gp with its hyper-parameters. */
public record Variant(String name, LossKind loss, Hyperparameters hyperparameters) {
}
