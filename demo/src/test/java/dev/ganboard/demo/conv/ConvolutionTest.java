package dev.ganboard.demo.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ganboard.demo.nn.Autograd;
import dev.ganboard.demo.nn.HostArrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The convolution and its three gradients against direct sums in double precision, for the shapes the DCGAN nets
 * use: output channel counts that are not a multiple of 16 are the ones libtorch's AVX-512 kernels get wrong.
 */
class ConvolutionTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "n={0} in={1} out={2} size={3} kernel={4} stride={5} pad={6}")
    @CsvSource({
            "8, 8, 1, 28, 3, 1, 1",   // generator's last convolution
            "8, 16, 8, 14, 3, 1, 1",  // generator's hidden convolution at width 8
            "8, 1, 8, 28, 4, 2, 1",   // critic's first convolution at width 8
            "8, 16, 1, 27, 4, 1, 2",  // the adjoint of the critic's first convolution (gradient penalty)
            "8, 16, 24, 14, 4, 2, 1",
            "8, 8, 16, 14, 4, 2, 1"})
    void outputsAndGradientsEqualDirectSums(int n, int in, int out, int size, int kernel, int stride, int pad) {
        Random random = new Random(out * 1000L + in);
        float[] x = gaussian(random, n * in * size * size);
        float[] w = gaussian(random, out * in * kernel * kernel);
        float[] b = gaussian(random, out);
        int outSize = (size + 2 * pad - kernel) / stride + 1;
        float[] upstream = gaussian(random, n * out * outSize * outSize);
        Direct expected = new Direct(n, in, out, size, kernel, stride, pad).run(x, w, b, upstream);

        try (NDManager m = NDManager.newBaseManager(); Autograd autograd = Autograd.record()) {
            NDArray xa = HostArrays.create(m, x, new Shape(n, in, size, size));
            NDArray wa = HostArrays.create(m, w, new Shape(out, in, kernel, kernel));
            NDArray ba = HostArrays.create(m, b, new Shape(out));
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ba.setRequiresGradient(true);
            NDArray y = Convolution.conv2d(xa, wa, ba, new Shape(stride, stride), new Shape(pad, pad));
            assertTrue(y.getShape().equals(new Shape(n, out, outSize, outSize)), y.getShape().toString());
            autograd.backward(y.mul(HostArrays.create(m, upstream, y.getShape())).sum());

            assertClose("output", expected.output, y.toFloatArray());
            assertClose("d/dx", expected.inputGradient, xa.getGradient().toFloatArray());
            assertClose("d/dw", expected.weightGradient, wa.getGradient().toFloatArray());
            assertClose("d/db", expected.biasGradient, ba.getGradient().toFloatArray());
        }
    }

    /** Every value finite and within TOLERANCE of the largest expected magnitude. */
    private static void assertClose(String what, double[] expected, float[] actual) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            assertTrue(Float.isFinite(actual[i]) && error <= TOLERANCE * scale, String.format(
                    "%s[%d]: %s, direct sum %.6g (largest magnitude %.4g)", what, i, actual[i], expected[i], scale));
        }
    }

    private static float[] gaussian(Random random, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    /** y = conv(x, w) + b and, for the loss sum(y * upstream), its gradients, by the definition. */
    private record Direct(int n, int in, int out, int size, int kernel, int stride, int pad, double[] output,
                          double[] inputGradient, double[] weightGradient, double[] biasGradient) {
        Direct(int n, int in, int out, int size, int kernel, int stride, int pad) {
            this(n, in, out, size, kernel, stride, pad, null, null, null, null);
        }

        Direct run(float[] x, float[] w, float[] b, float[] upstream) {
            int outSize = (size + 2 * pad - kernel) / stride + 1;
            double[] y = new double[n * out * outSize * outSize];
            double[] dx = new double[x.length];
            double[] dw = new double[w.length];
            double[] db = new double[b.length];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    for (int r = 0; r < outSize; r++) {
                        for (int c = 0; c < outSize; c++) {
                            int yi = ((i * out + o) * outSize + r) * outSize + c;
                            double g = upstream[yi];
                            double sum = b[o];
                            db[o] += g;
                            for (int ch = 0; ch < in; ch++) {
                                for (int u = 0; u < kernel; u++) {
                                    for (int v = 0; v < kernel; v++) {
                                        int row = r * stride - pad + u;
                                        int col = c * stride - pad + v;
                                        if (row < 0 || col < 0 || row >= size || col >= size) {
                                            continue;
                                        }
                                        int xi = ((i * in + ch) * size + row) * size + col;
                                        int wi = ((o * in + ch) * kernel + u) * kernel + v;
                                        sum += (double) x[xi] * w[wi];
                                        dx[xi] += g * w[wi];
                                        dw[wi] += g * x[xi];
                                    }
                                }
                            }
                            y[yi] = sum;
                        }
                    }
                }
            }
            return new Direct(n, in, out, size, kernel, stride, pad, y, dx, dw, db);
        }
    }
}
