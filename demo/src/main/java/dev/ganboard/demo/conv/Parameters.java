package dev.ganboard.demo.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import dev.ganboard.demo.nn.HostArrays;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A network's named parameters as plain arrays, for networks written as functions of their weights (the conv
 * nets): the conditional critic's projection and the input gradient need the weights themselves, which a
 * SequentialBlock hides. Trainable arrays record gradients; buffers (batch-norm running statistics) do not.
 */
public final class Parameters {
    private final NDManager manager;
    private final DataType type;
    private final RandomGenerator rng;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    public Parameters(NDManager manager, DataType type, RandomGenerator rng) {
        this.manager = manager;
        this.type = type;
        this.rng = rng;
    }

    /** N(0, std^2) weights, DCGAN's initialisation (Radford et al. 2016: std 0.02), drawn from the run's seed. */
    public NDArray normal(String name, Shape shape, double std) {
        return normal(name, shape, 0, std);
    }

    /** N(mean, std^2) values, e.g. batch-norm scales around 1. */
    public NDArray normal(String name, Shape shape, double mean, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + std * rng.nextGaussian());
        }
        return add(name, v, shape);
    }

    public NDArray constant(String name, Shape shape, float value) {
        float[] v = new float[Math.toIntExact(shape.size())];
        Arrays.fill(v, value);
        return add(name, v, shape);
    }

    /** An array the network updates itself (running statistics); never trained. */
    public NDArray buffer(Shape shape, float value) {
        float[] v = new float[Math.toIntExact(shape.size())];
        Arrays.fill(v, value);
        try (NDArray a = HostArrays.create(manager, v, shape)) {
            return a.toType(type, true);
        }
    }

    private NDArray add(String name, float[] values, Shape shape) {
        if (trainable.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " defined twice");
        }
        NDArray array;
        try (NDArray a = HostArrays.create(manager, values, shape)) {
            array = a.toType(type, true);
        }
        array.setRequiresGradient(true);
        trainable.put(name, array);
        return array;
    }

    public Map<String, NDArray> trainable() {
        return Map.copyOf(trainable);
    }

    /** Gradients accumulate across backward passes: clear them before each of this network's own. */
    public void zeroGradients() {
        for (NDArray a : trainable.values()) {
            JniUtils.zeroGrad((PtNDArray) a);
        }
    }

    /** One optimizer step on every trainable array from its accumulated gradient (call with recording off). */
    public void step(Optimizer optimizer) {
        for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
            try (NDArray grad = e.getValue().getGradient()) {
                optimizer.update(e.getKey(), e.getValue(), grad);
            }
        }
    }

    public long count() {
        return trainable.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }
}
