package dev.ganboard.demo.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.random.RandomGenerator;

/**
 * PyTorch's default Linear weight initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from a per-run Java
 * generator: the engine's random generator is one per process, so runs on parallel threads would interleave draws.
 */
public final class SeededInitializer implements Initializer {
    private final RandomGenerator rng;

    public SeededInitializer(RandomGenerator rng) {
        this.rng = rng;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.get(shape.dimension() - 1) : shape.get(0);
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        try (NDArray aligned = HostArrays.create(manager, values, shape)) {
            return aligned.toType(dataType, true);
        }
    }
}
