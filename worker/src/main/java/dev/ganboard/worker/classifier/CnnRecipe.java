package dev.ganboard.worker.classifier;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The domain classifier: architecture and training recipe. Inputs are images in [0, 1], normalised to
 * (x - 0.5) / 0.5. Trunk: conv 3x3 (pad 1) → ReLU → max-pool 2 → conv 3x3 (pad 1) → ReLU → max-pool 2 → flatten →
 * linear(features) → ReLU; its output is the feature vector. Head: linear(classes), softmax for probabilities.
 * Training: Adam, softmax cross-entropy, a fixed number of optimiser steps on seeded shuffles of the training
 * images (epoch after epoch), PyTorch's default weight initialisation drawn from the seed. Changing anything
 * here must change {@link #version}: it is part of every cache key and of the extractor's stored description.
 */
public record CnnRecipe(String version, int filters1, int filters2, int features, int batchSize, int steps,
                        double learningRate, long seed) {
    public static final CnnRecipe DEFAULT = new CnnRecipe("v1", 8, 16, 128, 128, 1200, 3e-3, 20_180_606L);

    /** The same recipe with another step count (tests on a subset). */
    public CnnRecipe withSteps(int newSteps) {
        return new CnnRecipe(version, filters1, filters2, features, batchSize, newSteps, learningRate, seed);
    }

    SequentialBlock trunk() {
        return new SequentialBlock()
                .add(conv(filters1)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(filters2)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(features).build()).add(Activation.reluBlock());
    }

    static Linear head(int classes) {
        return Linear.builder().setUnits(classes).build();
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                .build();
    }

    /** Cache-key text: every field that changes the trained weights. */
    public String key() {
        return "cnn-" + version + "-s" + seed + "-n" + steps;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("architecture", "conv3x3(" + filters1 + ")-relu-maxpool2-conv3x3(" + filters2
                + ")-relu-maxpool2-linear(" + features + ")-relu | linear(classes)");
        m.put("input", "images in [0, 1], normalised (x - 0.5) / 0.5");
        m.put("optimizer", "adam lr " + learningRate);
        m.put("batch_size", batchSize);
        m.put("steps", steps);
        m.put("seed", seed);
        return m;
    }
}
