package dev.ganboard.worker.classifier;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * The worker's use of DJL/libtorch: settings applied before the engine loads (offline, one intra-op and one
 * inter-op thread - small models, and the worker's own threads use the cores; native library cached under the
 * worker's cache directory), and per-thread gradient recording. DJL's GradientCollector for PyTorch allows one
 * collector per JVM, which concurrent evaluations would trip over; PyTorch's grad mode itself is per thread.
 * Explicit -D settings and DJL's environment variables win.
 */
public final class TorchRuntime {
    private static volatile boolean loaded;

    private TorchRuntime() {
    }

    /** Applies the settings (first call wins) and loads the engine. */
    public static synchronized void load(Path cacheDir) {
        if (loaded) {
            return;
        }
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
        }
        Engine.getEngine("PyTorch");
        loaded = true;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
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
