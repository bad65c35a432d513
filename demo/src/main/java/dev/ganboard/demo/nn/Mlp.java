package dev.ganboard.demo.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected network: {@code hiddenLayers} x (Linear(width) + leaky ReLU) then Linear(outputs). The layers
 * stay reachable so the critic's input gradient can be written out from its weights ({@link InputGradient}).
 */
public final class Mlp {
    private final SequentialBlock block = new SequentialBlock();
    private final List<Linear> layers = new ArrayList<>();
    private final float slope;

    /** {@code slope} is the leaky ReLU's negative slope; 0 gives a plain ReLU. */
    public Mlp(int width, int hiddenLayers, int outputs, float slope) {
        this.slope = slope;
        for (int i = 0; i < hiddenLayers; i++) {
            addLinear(width);
            block.addSingleton(this::activation);
        }
        addLinear(outputs);
    }

    public Block block() {
        return block;
    }

    /** The Linear layers in order, the output layer last. */
    public List<Linear> layers() {
        return List.copyOf(layers);
    }

    public float slope() {
        return slope;
    }

    NDArray activation(NDArray h) {
        return slope == 0f ? Activation.relu(h) : Activation.leakyRelu(h, slope);
    }

    /** act'(h): 1 where h > 0, else the slope. */
    NDArray activationDerivative(NDArray h) {
        return h.gt(0f).toType(h.getDataType(), false).mul(1f - slope).add(slope);
    }

    private void addLinear(int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        layers.add(linear);
        block.add(linear);
    }
}
