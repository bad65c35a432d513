package dev.ganboard.demo.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for the calling thread. DJL's GradientCollector for PyTorch allows one collector per JVM (a
 * static flag) and would make parallel runs fail; PyTorch's grad mode itself is per thread, so each training
 * thread switches it here. Tied to the PyTorch engine, which is the only engine this module ships.
 */
public final class Autograd implements AutoCloseable {
    static {
        Engine.getEngine("PyTorch"); // loads the native library that JniUtils calls into
    }

    private final boolean previous;

    private Autograd(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Records operations until closed. */
    public static Autograd record() {
        return new Autograd(true);
    }

    /** Records nothing until closed (inference, and a batch of fakes for the critic's step). */
    public static Autograd pause() {
        return new Autograd(false);
    }

    /** Accumulates d loss / d p into every parameter p that the scalar {@code loss} depends on. */
    public void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Gradients accumulate across backward passes: clear a model's before each of its own. */
    public static void zeroGradients(Block block) {
        for (Parameter p : block.getParameters().values()) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) array);
            }
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
