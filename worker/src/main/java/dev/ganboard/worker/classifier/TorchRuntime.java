package dev.ganboard.worker.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.ganboard.torch.TorchSetup;

/**
 * The worker's use of DJL/libtorch once the engine is set up ({@link TorchSetup}): per-thread gradient recording,
 * backward passes and aligned arrays. DJL's GradientCollector for PyTorch allows one collector per JVM, which concurrent
 * evaluations would trip over; PyTorch's grad mode itself is per thread.
 */
public final class TorchRuntime {
    private TorchRuntime() {
    }

    /** Switches gradient recording for the calling thread until closed (then restores the previous mode). */
    public static GradMode gradMode(boolean enabled) {
        return new GradMode(enabled);
    }

    /** Accumulates d loss / d p into every parameter p that the scalar {@code loss} depends on. */
    static void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Gradients accumulate across backward passes: clear them before each. */
    static void zeroGradients(Block block) {
        for (Parameter p : block.getParameters().values()) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) array);
            }
        }
    }

    /**
     * An array copied into the engine's own (64-byte aligned) memory: a wrapped Java buffer's alignment varies from
     * run to run, and MKL picks its kernels by alignment, so the last bits of results would vary with it.
     */
    static NDArray aligned(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    public static final class GradMode implements AutoCloseable {
        private final boolean previous;

        private GradMode(boolean enabled) {
            previous = JniUtils.isGradMode();
            JniUtils.setGradMode(enabled);
        }

        @Override
        public void close() {
            JniUtils.setGradMode(previous);
        }
    }
}
