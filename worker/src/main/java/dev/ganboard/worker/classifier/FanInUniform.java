package dev.ganboard.worker.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.random.RandomGenerator;

/**
 * PyTorch's default weight initialisation for Linear and Conv2d, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in
 * the product of all dimensions but the first ([out, in] or [out, in, kh, kw]), drawn from a seeded Java generator.
 */
final class FanInUniform implements Initializer {
    private final RandomGenerator rng;

    FanInUniform(RandomGenerator rng) {
        this.rng = rng;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.get(0);
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        try (NDArray aligned = TorchRuntime.aligned(manager, values, shape)) {
            return aligned.toType(dataType, true);
        }
    }
}
