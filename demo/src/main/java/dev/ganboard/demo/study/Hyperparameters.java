package dev.ganboard.demo.study;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one variant trains with; the field names are the study file's keys. */
public record Hyperparameters(double lrG, double lrD, double beta1, double beta2, int nCritic, double gpWeight,
                              int batchSize, int latentDim, int hiddenWidth, int hiddenLayers) {

    /** The run's config as logged to GANBoard (study-file key names). */
    public Map<String, Object> toConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr_g", lrG);
        m.put("lr_d", lrD);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("n_critic", nCritic);
        m.put("gp_weight", gpWeight);
        m.put("batch_size", batchSize);
        m.put("latent_dim", latentDim);
        m.put("hidden_width", hiddenWidth);
        m.put("hidden_layers", hiddenLayers);
        return m;
    }
}
