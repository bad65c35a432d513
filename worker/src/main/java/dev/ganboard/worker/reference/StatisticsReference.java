package dev.ganboard.worker.reference;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.fid.FidStatisticsFile;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reference given as FID statistics only: {@code stats:/abs/path/x.npz} with members {@code mu} [D] and
 * {@code sigma} [D, D] (optionally {@code n}) - the TTUR / pytorch-fid / clean-fid format that
 * {@code ./ganboard stats compute} writes. FID needs nothing more; metrics that need the reference's features do.
 */
public record StatisticsReference(String id, Path path, GaussianStats stats, String sha256) {
    public static final String PREFIX = "stats:";
    public static final String NOT_APPLICABLE = "not applicable: the reference is statistics only";

    public static boolean isStatistics(String datasetId) {
        return datasetId != null && datasetId.strip().startsWith(PREFIX);
    }

    /** Reads and validates the file; an absent or malformed one is a failure naming it. */
    public static StatisticsReference load(String datasetId) {
        String id = datasetId.strip();
        String p = id.substring(PREFIX.length());
        if (p.isBlank() || !Path.of(p).isAbsolute()) {
            throw new EvaluationFailure("dataset '" + id + "': give the absolute path of a .npz with mu and sigma, "
                    + "e.g. " + PREFIX + "/data/fid_stats.npz");
        }
        Path path = Path.of(p);
        if (!Files.isRegularFile(path)) {
            throw new EvaluationFailure("dataset '" + id + "': " + path + " does not exist on this worker");
        }
        GaussianStats stats = FidStatisticsFile.read(path);
        return new StatisticsReference(id, path, stats, sha256(path));
    }

    /** Stored as details.reference of every evaluation against it. */
    public Map<String, Object> description() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistics", path.toString());
        m.put("sha256", sha256);
        m.put("n", stats.n() < 0 ? null : stats.n());
        m.put("dim", stats.dim());
        m.put("format", "npz with mu [D], sigma [D, D] (pytorch-fid / clean-fid)");
        return m;
    }

    public static Map<String, Object> notApplicable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicable", false);
        m.put("reason", NOT_APPLICABLE);
        return m;
    }

    public static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                d.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
