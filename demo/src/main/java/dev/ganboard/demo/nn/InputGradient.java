package dev.ganboard.demo.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * d D(x) / d x of a scalar-output {@link Mlp}, written as array operations on its weights: DJL has no double
 * backward, but these operations are recorded by autograd, so a penalty on this gradient (WGAN-GP) gets its exact
 * gradient w.r.t. the weights. With h_k = a_{k-1} W_k^T + b_k, a_k = act(h_k), a_0 = x and D = a_L w^T + b:
 * grad = ((w * act'(h_L)) W_L * act'(h_{L-1}) ...) W_1, one row per sample.
 */
public final class InputGradient {
    private InputGradient() {
    }

    public static NDArray of(Mlp mlp, NDArray x) {
        List<Linear> layers = mlp.layers();
        int hidden = layers.size() - 1;
        NDArray[] derivatives = new NDArray[hidden];
        NDArray a = x;
        for (int k = 0; k < hidden; k++) {
            NDArray h = Linear.linear(a, weight(layers.get(k)), bias(layers.get(k))).singletonOrThrow();
            derivatives[k] = mlp.activationDerivative(h);
            a = mlp.activation(h);
        }
        // the output row vector w, broadcast to one row per sample: x's manager owns the result, not the model's
        NDArray g = x.getManager().ones(new Shape(x.getShape().get(0), 1), x.getDataType())
                .matMul(weight(layers.get(hidden)));
        for (int k = hidden - 1; k >= 0; k--) {
            g = g.mul(derivatives[k]).matMul(weight(layers.get(k)));
        }
        return g;
    }

    private static NDArray weight(Linear layer) {
        return layer.getParameters().get("weight").getArray();
    }

    private static NDArray bias(Linear layer) {
        return layer.getParameters().get("bias").getArray();
    }
}
