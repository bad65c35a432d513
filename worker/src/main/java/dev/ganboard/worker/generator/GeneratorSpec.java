package dev.ganboard.worker.generator;

import dev.ganboard.worker.EvaluationFailure;
import java.util.Map;

/**
 * How to sample a TorchScript generator, from the upload's metadata: {@code latent_size} (required; or {@code latent_dim}, as the SDKs send it),
 * {@code num_classes} (or {@code classes}) (0 or absent: unconditional), {@code output_range} ("-1,1" default, any "low,high" or [low, high]),
 * {@code n_samples} (default: the worker's setting, capped by its maximum), {@code seed} (default 0),
 * {@code batch_size} (default 500, at most n_samples).
 */
public record GeneratorSpec(int latentSize, int numClasses, OutputRange outputRange, int samples, long seed,
                            int batchSize, boolean samplesCapped) {
    public static final int DEFAULT_BATCH_SIZE = 500;
    static final int MAX_LATENT_SIZE = 1 << 16;
    static final int MAX_BATCH_SIZE = 1 << 16;

    public boolean conditional() {
        return numClasses > 0;
    }

    /**
     * @param defaultSamples samples drawn when the metadata names no n_samples
     * @param maxSamples     the worker's cap on samples per checkpoint
     */
    public static GeneratorSpec from(Map<String, Object> metadata, String label, int defaultSamples,
                                     int maxSamples) {
        Fields f = new Fields(metadata, label);
        // the SDKs' names (latent_dim, classes) are accepted beside the worker's own
        Long latent = f.integer(f.present("latent_size", "latent_dim"), 1, MAX_LATENT_SIZE);
        if (latent == null) {
            throw f.failure("metadata 'latent_size' is required for a torchscript checkpoint (the length of z, "
                    + "e.g. \"latent_size\": 128)");
        }
        Long classes = f.integer(f.present("num_classes", "classes"), 0, 100_000);
        Object rangeValue = metadata.get("output_range");
        OutputRange range = rangeValue == null ? OutputRange.MINUS_ONE_TO_ONE : OutputRange.parse(rangeValue);
        if (range == null) {
            throw f.failure("metadata 'output_range' must be [low, high] with low < high, e.g. \"-1,1\" or [0, 1], "
                    + "got " + Fields.show(rangeValue));
        }
        Long n = f.integer("n_samples", 1, Integer.MAX_VALUE);
        int samples = n == null ? Math.min(defaultSamples, maxSamples) : (int) Math.min(n, maxSamples);
        Long seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        Long batch = f.integer("batch_size", 1, MAX_BATCH_SIZE);
        int batchSize = (int) Math.min(batch == null ? DEFAULT_BATCH_SIZE : batch, samples);
        return new GeneratorSpec(latent.intValue(), classes == null ? 0 : classes.intValue(), range, samples,
                seed == null ? 0 : seed, batchSize, n != null && n > maxSamples);
    }

    /** Reads whole numbers from JSON metadata (numbers or numeric strings) and names the field when one is bad. */
    private record Fields(Map<String, Object> metadata, String label) {
        /** The first of the keys the metadata has (the first when it has none). */
        String present(String key, String alias) {
            return metadata.containsKey(key) || !metadata.containsKey(alias) ? key : alias;
        }

        Long integer(String key, long min, long max) {
            Object v = metadata.get(key);
            if (v == null) {
                return null;
            }
            long value;
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                value = ((Number) v).longValue();
            } else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    && Math.abs(num.doubleValue()) < 0x1p53) {
                value = (long) num.doubleValue();
            } else if (v instanceof String s && s.strip().matches("-?\\d{1,18}")) {
                value = Long.parseLong(s.strip());
            } else {
                throw failure("metadata '" + key + "' must be a whole number, got " + show(v));
            }
            if (value < min || value > max) {
                throw failure("metadata '" + key + "' must be " + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                        ? "at least " + min : "between " + min + " and " + max) + ", got " + value);
            }
            return value;
        }

        EvaluationFailure failure(String message) {
            return new EvaluationFailure(label + ": " + message);
        }

        static String show(Object v) {
            return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        }
    }
}
