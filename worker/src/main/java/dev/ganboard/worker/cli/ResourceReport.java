package dev.ganboard.worker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Optional timing and memory fields for benchmarks: wall time of the command and the process's peak RSS. */
final class ResourceReport {
    private final long start = System.nanoTime();

    void addTo(Map<String, Object> fields) {
        fields.put("elapsed_s", (System.nanoTime() - start) / 1e9);
        fields.put("peak_rss_mib", peakRssMib());
    }

    /** VmHWM from /proc/self/status (Linux), in MiB; null elsewhere. */
    static Double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
