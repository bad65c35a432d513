package dev.ganboard.demo.loss;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** The scalar to minimise and any extra scalars worth logging (by metric key, e.g. "loss/gp"). */
public record DiscriminatorLoss(NDArray total, Map<String, NDArray> extras) {

    public static DiscriminatorLoss of(NDArray total) {
        return new DiscriminatorLoss(total, Map.of());
    }
}
