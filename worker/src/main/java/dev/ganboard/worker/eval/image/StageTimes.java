package dev.ganboard.worker.eval.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock seconds per stage of one evaluation, stored with it (and read by the benchmark). */
final class StageTimes {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    <T> T time(String stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(stage, Math.round((System.nanoTime() - t0) / 1e6) / 1e3, Double::sum);
        }
    }

    Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }
}
