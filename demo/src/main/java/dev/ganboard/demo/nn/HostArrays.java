package dev.ganboard.demo.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays from Java data, copied into the engine's own (64-byte aligned) memory. DJL wraps the Java direct buffer
 * as it is, whose alignment varies from run to run; MKL picks its matrix kernels by alignment, so the last bits of
 * a product - and, amplified by GAN training, whole runs - would then depend on where malloc put a buffer.
 */
public final class HostArrays {
    private HostArrays() {
    }

    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }
}
