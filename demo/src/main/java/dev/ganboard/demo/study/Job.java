package dev.ganboard.demo.study;

import java.util.LinkedHashMap;
import java.util.Map;

/** One run of a study: a variant on a dataset with a seed. */
public record Job(Study study, String dataset, Variant variant, long seed) {

    /** GANBoard project of the run: one per study and dataset, e.g. "mixtures-ring8". */
    public String project() {
        return study.name() + "-" + dataset;
    }

    /** The run's config: loss, hyper-parameters and schedule. */
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", study.name());
        m.put("loss", variant.loss().id());
        m.put("architecture", variant.architecture().id());
        if (variant.conditional()) {
            m.put("conditional", true);
        }
        m.putAll(variant.hyperparameters().toConfig());
        m.put("steps", study.steps());
        m.put("checkpoint_every", study.checkpointEvery());
        m.put("samples_per_checkpoint", study.samplesPerCheckpoint());
        m.put("trainer", "ganboard-demo (DJL, PyTorch engine, CPU)");
        return m;
    }

    @Override
    public String toString() {
        return project() + " " + variant.name() + " seed " + seed;
    }
}
