package dev.ganboard.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run is: its project (id or name; created if missing, with the given dataset), GAN variant, seed,
 * hyper-parameters and code version.
 * Mutable builder-style: {@code new RunSpec().project("ring8").variant("NS-GAN").seed(1).config("lr", 2e-4)}.
 */
public final class RunSpec {
    private String project;
    private String variant;
    private Long seed;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private String codeVersion;
    private String dataset;

    public RunSpec project(String project) { this.project = project; return this; }
    public RunSpec variant(String variant) { this.variant = variant; return this; }
    public RunSpec seed(long seed) { this.seed = seed; return this; }
    /** One hyper-parameter; values must be JSON-serialisable (numbers, strings, booleans, lists, maps). */
    public RunSpec config(String key, Object value) { this.config.put(key, value); return this; }
    public RunSpec config(Map<String, ?> config) { this.config.putAll(config); return this; }
    /** e.g. a git commit. */
    public RunSpec codeVersion(String codeVersion) { this.codeVersion = codeVersion; return this; }
    /** The project's dataset (e.g. "ring8", "fashion-mnist"), used only when init creates the project. */
    public RunSpec dataset(String dataset) { this.dataset = dataset; return this; }

    public String project() { return project; }
    public String variant() { return variant; }
    public Long seed() { return seed; }
    public Map<String, Object> config() { return config; }
    public String codeVersion() { return codeVersion; }
    public String dataset() { return dataset; }
}
