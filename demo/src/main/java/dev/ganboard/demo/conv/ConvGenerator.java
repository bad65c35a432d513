package dev.ganboard.demo.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.random.RandomGenerator;

/**
 * DCGAN-style generator for 28 x 28 grayscale images, sized for a CPU: [z, one-hot(y)] -> Linear(2C * 7 * 7) -> BN
 * -> ReLU -> reshape [2C, 7, 7] -> upsample x2 -> Conv(C, 3x3) -> BN -> ReLU -> [C, 14, 14] -> upsample x2 ->
 * Conv(1, 3x3) -> tanh -> [1, 28, 28]. C is {@code width}. Nearest-neighbour upsampling and a convolution rather
 * than transposed convolutions: DJL's PyTorch engine has no transposed convolution (and this form has no
 * checkerboard artefacts, Odena et al. 2016). Batch norm always uses the batch's statistics (also when sampling
 * checkpoints, in batches of hundreds); the running statistics the engine's operation updates are never read.
 */
public final class ConvGenerator {
    static final double INIT_STD = 0.02;
    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape PAD = new Shape(1, 1);

    private final int latentDim;
    private final int classes;
    private final int width;
    private final Parameters params;
    private final NDArray w0;
    private final NDArray b0;
    private final NDArray g0;
    private final NDArray beta0;
    private final NDArray w1;
    private final NDArray b1;
    private final NDArray g1;
    private final NDArray beta1;
    private final NDArray w2;
    private final NDArray b2;
    private final NDArray mean0;
    private final NDArray var0;
    private final NDArray mean1;
    private final NDArray var1;

    /** {@code classes} 0: unconditional; otherwise the label's one-hot code is appended to z. */
    public ConvGenerator(NDManager manager, int latentDim, int width, int classes, DataType type,
                         RandomGenerator rng) {
        this.latentDim = latentDim;
        this.classes = classes;
        this.width = width;
        this.params = new Parameters(manager, type, rng);
        int dense = 2 * width * 7 * 7;
        w0 = params.normal("dense.weight", new Shape(dense, latentDim + classes), INIT_STD);
        b0 = params.constant("dense.bias", new Shape(dense), 0f);
        g0 = params.normal("bn0.gamma", new Shape(dense), 1, INIT_STD);
        beta0 = params.constant("bn0.beta", new Shape(dense), 0f);
        w1 = params.normal("conv1.weight", new Shape(width, 2 * width, 3, 3), INIT_STD);
        b1 = params.constant("conv1.bias", new Shape(width), 0f);
        g1 = params.normal("bn1.gamma", new Shape(width), 1, INIT_STD);
        beta1 = params.constant("bn1.beta", new Shape(width), 0f);
        w2 = params.normal("conv2.weight", new Shape(1, width, 3, 3), INIT_STD);
        b2 = params.constant("conv2.bias", new Shape(1), 0f);
        // the engine's batch norm wants running statistics even in training mode; nothing reads them
        mean0 = params.buffer(new Shape(dense), 0f);
        var0 = params.buffer(new Shape(dense), 1f);
        mean1 = params.buffer(new Shape(width), 0f);
        var1 = params.buffer(new Shape(width), 1f);
    }

    public Parameters parameters() {
        return params;
    }

    public int latentDim() {
        return latentDim;
    }

    public boolean conditional() {
        return classes > 0;
    }

    /**
     * Images [N, 1, 28, 28] in (-1, 1) from noise z [N, latentDim] and, when conditional, one-hot labels
     * [N, classes] (null otherwise).
     */
    public NDArray forward(NDArray z, NDArray oneHot) {
        if (conditional() == (oneHot == null)) {
            throw new IllegalArgumentException(conditional() ? "a conditional generator needs labels"
                    : "an unconditional generator takes no labels");
        }
        long n = z.getShape().get(0);
        NDArray input = oneHot == null ? z : z.concat(oneHot, 1);
        NDArray h = Linear.linear(input, w0, b0).singletonOrThrow();
        h = BatchNorm.batchNorm(h, mean0, var0, g0, beta0, 1, 0.9f, 1e-5f, true).singletonOrThrow();
        h = Activation.relu(h).reshape(n, 2L * width, 7, 7);
        h = Convolution.conv2d(upsample(h), w1, b1, STRIDE, PAD);
        h = BatchNorm.batchNorm(h, mean1, var1, g1, beta1, 1, 0.9f, 1e-5f, true).singletonOrThrow();
        h = Activation.relu(h);
        h = Convolution.conv2d(upsample(h), w2, b2, STRIDE, PAD);
        return h.tanh();
    }

    /** Nearest-neighbour upsampling x2 of [N, C, H, W]: each value fills a 2 x 2 block. */
    static NDArray upsample(NDArray h) {
        Shape s = h.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long height = s.get(2);
        long width = s.get(3);
        return h.reshape(n, c, height, 1, width, 1).broadcast(new Shape(n, c, height, 2, width, 2))
                .reshape(n, c, 2 * height, 2 * width);
    }
}
