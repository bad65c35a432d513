package dev.ganboard.demo.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D convolution whose engine call always has whole blocks of {@value #CHANNEL_BLOCK} output channels.
 *
 * <p>Why: on AVX-512 CPUs (seen on an AMD EPYC, Zen 5) libtorch 2.7.1's oneDNN convolution computes a wrong
 * gradient with respect to its input when it has fewer than 16 output channels: values of the size of the true
 * gradient but unrelated to it, sometimes NaN (against direct sums: maximum error equal to the gradient's own scale
 * for 1 and 8 output channels; 1e-6 relative for 16, 24 and 32). The forward pass and the weight gradient are right.
 * A generator whose last convolution has one output channel then learns from noise and diverges within a few
 * hundred steps. Zero filters up to whole blocks of 16 give the same outputs (the extra channels are sliced away,
 * so they get no gradient) and a correct input gradient on every CPU; {@code ConvolutionTest} pins both against
 * direct sums.
 */
public final class Convolution {
    static final int CHANNEL_BLOCK = 16;

    private Convolution() {
    }

    /** conv2d(x [N, in, H, W], weight [out, in, kh, kw], bias [out]) with the given stride and padding. */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding) {
        Shape w = weight.getShape();
        long out = w.get(0);
        long extra = (CHANNEL_BLOCK - out % CHANNEL_BLOCK) % CHANNEL_BLOCK;
        if (extra == 0) {
            return Conv2d.conv2d(x, weight, bias, stride, padding).singletonOrThrow();
        }
        // allocated in the input's (per-step) manager, not the long-lived one that holds the weights
        NDArray zeroFilters = x.getManager().zeros(new Shape(extra, w.get(1), w.get(2), w.get(3)), weight.getDataType());
        NDArray zeroBias = x.getManager().zeros(new Shape(extra), bias.getDataType());
        NDArray blocked = Conv2d.conv2d(x, weight.concat(zeroFilters, 0), bias.concat(zeroBias, 0), stride, padding)
                .singletonOrThrow();
        return blocked.get(new NDIndex(":, :{}", out));
    }
}
