package dev.ganboard.worker.fingerprint;

import dev.ganboard.worker.Suite;
import dev.ganboard.worker.reference.StatisticsReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a stored value was made, as {@code details.fingerprint} of every evaluation: two values are comparable only
 * when their fingerprints agree. Fields: the extractor and the SHA-256 of its weights file (null for
 * {@code identity}), the preprocessing convention, the numbers of generated and reference samples, the reference
 * (dataset, split and content fingerprint, or a statistics file's SHA-256), the covariance convention and the suite
 * version.
 */
public final class EvaluationFingerprint {
    public static final String COVARIANCE = "float64 mean, covariance with N - 1 (ddof 1)";
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private EvaluationFingerprint() {
    }

    public static Map<String, Object> of(String extractor, Path weights, String preprocessing, int generated,
                                         Integer referenceCount, Map<String, Object> reference) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("extractor", extractor);
        m.put("weights_sha256", weights == null ? null : sha256(weights));
        m.put("preprocessing", preprocessing);
        m.put("n_generated", generated);
        m.put("n_reference", referenceCount);
        m.put("reference", reference);
        m.put("covariance", COVARIANCE);
        m.put("suite_version", Suite.VERSION);
        return m;
    }

    /** A dataset's split as the reference: its id, split and content fingerprint. */
    public static Map<String, Object> dataset(String id, String split, String contentFingerprint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", id);
        m.put("split", split);
        m.put("fingerprint", contentFingerprint);
        return m;
    }

    /** A statistics file as the reference. */
    public static Map<String, Object> statistics(StatisticsReference ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistics", ref.path().toString());
        m.put("sha256", ref.sha256());
        return m;
    }

    /** The SHA-256 of a weights file, computed once per (path, size, modification time). */
    static String sha256(Path file) {
        String key;
        try {
            key = file.toAbsolutePath() + "@" + Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null; // a file that vanished after loading: the evaluation itself says what failed
        }
        return HASHES.computeIfAbsent(key, k -> StatisticsReference.sha256(file));
    }
}
