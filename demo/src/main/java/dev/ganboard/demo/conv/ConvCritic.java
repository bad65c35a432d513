package dev.ganboard.demo.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.ndarray.index.NDIndex;
import dev.ganboard.demo.image.ImageDataset;
import java.util.random.RandomGenerator;

/**
 * DCGAN-style critic for 28 x 28 grayscale images: Conv(C, 4x4, stride 2) -> leaky ReLU 0.2 -> [C, 14, 14] ->
 * Conv(2C, 4x4, stride 2) -> leaky ReLU 0.2 -> [2C, 7, 7] -> flatten phi(x) -> w . phi(x) + b. No batch norm: a
 * gradient penalty is per sample (Gulrajani et al.), and it keeps the input gradient a short chain. The conditional
 * critic adds a projection term e_y . phi(x) with a learned class embedding e (Miyato and Koyama 2018).
 *
 * <p>Inputs are flat rows [N, 784] (as the losses see samples) and are viewed as [N, 1, 28, 28] here.
 */
public final class ConvCritic {
    static final float SLOPE = 0.2f;
    private static final Shape STRIDE = new Shape(2, 2);
    private static final Shape PAD = new Shape(1, 1);

    private final int width;
    private final int classes;
    private final Parameters params;
    private final NDArray v1;
    private final NDArray c1;
    private final NDArray v2;
    private final NDArray c2;
    private final NDArray w;
    private final NDArray b;
    private final NDArray embedding;

    public ConvCritic(NDManager manager, int width, int classes, DataType type, RandomGenerator rng) {
        this.width = width;
        this.classes = classes;
        this.params = new Parameters(manager, type, rng);
        v1 = params.normal("conv1.weight", new Shape(width, 1, 4, 4), ConvGenerator.INIT_STD);
        c1 = params.constant("conv1.bias", new Shape(width), 0f);
        v2 = params.normal("conv2.weight", new Shape(2 * width, width, 4, 4), ConvGenerator.INIT_STD);
        c2 = params.constant("conv2.bias", new Shape(2 * width), 0f);
        w = params.normal("out.weight", new Shape(1, features()), ConvGenerator.INIT_STD);
        b = params.constant("out.bias", new Shape(1), 0f);
        embedding = classes == 0 ? null
                : params.normal("embed.weight", new Shape(classes, features()), ConvGenerator.INIT_STD);
    }

    public Parameters parameters() {
        return params;
    }

    public boolean conditional() {
        return classes > 0;
    }

    private long features() {
        return 2L * width * 7 * 7;
    }

    /** Scores [N, 1] of flat images x [N, 784]; {@code oneHot} [N, classes] when conditional, else null. */
    public NDArray scores(NDArray x, NDArray oneHot) {
        checkLabels(oneHot);
        Trace t = trace(x);
        NDArray phi = t.a2.reshape(x.getShape().get(0), features());
        NDArray s = phi.matMul(w.transpose()).add(b);
        if (oneHot != null) {
            s = s.add(phi.mul(oneHot.matMul(embedding)).sum(new int[] {1}, true));
        }
        return s;
    }

    /**
     * d score_i / d x_i, [N, 784], as array operations on the weights so that autograd differentiates a penalty on
     * it w.r.t. the weights (DJL has no double backward). With v = w + e_y:
     * g = v * act'(h2) -> adjoint(conv2) -> * act'(h1) -> adjoint(conv1). The adjoint of a convolution is the
     * transposed convolution with the same weights, which DJL's PyTorch engine lacks; {@link #adjoint} writes it
     * as a convolution.
     */
    public NDArray inputGradient(NDArray x, NDArray oneHot) {
        checkLabels(oneHot);
        Trace t = trace(x);
        long n = x.getShape().get(0);
        NDArray v = x.getManager().ones(new Shape(n, 1), x.getDataType()).matMul(w);
        if (oneHot != null) {
            v = v.add(oneHot.matMul(embedding));
        }
        NDArray g = v.reshape(n, 2L * width, 7, 7).mul(derivative(t.h2));
        g = adjoint(g, v2).mul(derivative(t.h1));
        return adjoint(g, v1).reshape(n, ImageDataset.PIXELS);
    }

    /**
     * The adjoint of a 4x4 convolution with stride 2 and padding 1 (H -> H/2), applied to g [N, out, H/2, W/2]:
     * insert a zero between neighbouring values (undoing the stride), then a stride-1 convolution
     * with the kernel flipped in space and its in/out channels swapped, padding k - 1 - p = 2. Pinned against
     * finite differences in the tests.
     */
    static NDArray adjoint(NDArray g, NDArray weight) {
        Shape s = g.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long wd = s.get(3);
        NDArray zeros = g.zerosLike();
        // [N, c, h, w] -> values at even positions of [N, c, 2h, 2w], zeros at odd ones
        NDArray rows = g.expandDims(3).concat(zeros.expandDims(3), 3).reshape(n, c, 2 * h, wd);
        NDArray dilated = rows.expandDims(4).concat(rows.zerosLike().expandDims(4), 4).reshape(n, c, 2 * h, 2 * wd)
                .get(new NDIndex(":, :, :{}, :{}", 2 * h - 1, 2 * wd - 1));
        NDArray kernel = weight.flip(2, 3).swapAxes(0, 1);
        return Convolution.conv2d(dilated, kernel, zeros(g, weight.getShape().get(1)), new Shape(1, 1),
                new Shape(2, 2));
    }

    private record Trace(NDArray h1, NDArray h2, NDArray a2) {
    }

    private Trace trace(NDArray x) {
        NDArray images = x.reshape(x.getShape().get(0), 1, ImageDataset.SIDE, ImageDataset.SIDE);
        NDArray h1 = Convolution.conv2d(images, v1, c1, STRIDE, PAD);
        NDArray h2 = Convolution.conv2d(Activation.leakyRelu(h1, SLOPE), v2, c2, STRIDE, PAD);
        return new Trace(h1, h2, Activation.leakyRelu(h2, SLOPE));
    }

    /** leaky ReLU's derivative: 1 where h > 0, else the slope. */
    private static NDArray derivative(NDArray h) {
        return h.gt(0f).toType(h.getDataType(), false).mul(1f - SLOPE).add(SLOPE);
    }

    private static NDArray zeros(NDArray like, long channels) {
        return like.getManager().zeros(new Shape(channels), like.getDataType());
    }

    private void checkLabels(NDArray oneHot) {
        if (conditional() == (oneHot == null)) {
            throw new IllegalArgumentException(conditional() ? "a conditional critic needs labels"
                    : "an unconditional critic takes no labels");
        }
    }
}
