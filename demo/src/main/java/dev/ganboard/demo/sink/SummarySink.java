package dev.ganboard.demo.sink;

import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.train.Samples;
import dev.ganboard.metrics.modes.Mixture;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores each finished run's last checkpoint ({@link RunScore}) and prints a per-variant table: a preview, in the
 * terminal, of what the leaderboard's workers compute.
 */
public final class SummarySink implements RunSink {
    private final Map<Job, RunScore> scores = Collections.synchronizedMap(new LinkedHashMap<>());

    @Override
    public RunLog open(Job job) {
        return new RunLog() {
            private Samples last;

            @Override
            public void onStep(long step, Map<String, Double> losses) {
            }

            @Override
            public void onCheckpoint(long step, Samples samples) {
                last = samples;
            }

            @Override
            public void finish() {
                if (last != null && !ImageDataset.isImageDataset(job.dataset())) {
                    scores.put(job, RunScore.of(Mixture.parse(job.dataset()), last));
                }
            }

            @Override
            public void fail(Throwable error) {
            }
        };
    }

    public Map<Job, RunScore> scores() {
        synchronized (scores) {
            return new LinkedHashMap<>(scores);
        }
    }

    /** One line per (dataset, variant): seeds, modes covered (mean, min-max), HQ fraction, FID (median, min-max). */
    public void print(PrintStream out) {
        if (scores().isEmpty()) {
            out.println("(no 2-D mixture runs to summarise; image runs are scored by the workers on the leaderboard)");
            return;
        }
        Map<String, List<RunScore>> groups = new TreeMap<>();
        scores().forEach((job, score) -> groups.computeIfAbsent(order(job), k -> new ArrayList<>()).add(score));
        out.printf(Locale.ROOT, "%-8s %-10s %5s  %-20s %-12s %s%n", "dataset", "variant", "seeds",
                "modes covered", "HQ samples", "FID (median, min-max)");
        groups.forEach((key, list) -> {
            String[] dv = key.substring(key.indexOf(' ') + 1).split("\t");
            List<RunScore> ok = list.stream().filter(s -> !s.diverged()).toList();
            double[] modes = ok.stream().mapToDouble(RunScore::modesCovered).sorted().toArray();
            double[] hq = ok.stream().mapToDouble(RunScore::hqFraction).toArray();
            double[] fid = ok.stream().mapToDouble(RunScore::fid).sorted().toArray();
            String diverged = ok.size() < list.size() ? "  (" + (list.size() - ok.size()) + " diverged)" : "";
            if (ok.isEmpty()) {
                out.printf(Locale.ROOT, "%-8s %-10s %5d  all diverged%n", dv[0], dv[1], list.size());
                return;
            }
            out.printf(Locale.ROOT, "%-8s %-10s %5d  %4.1f/%d (%2.0f-%2.0f)     %5.1f %%      %.3g (%.3g-%.3g)%s%n",
                    dv[0], dv[1], list.size(), mean(modes), list.get(0).modes(), modes[0], modes[modes.length - 1],
                    100 * mean(hq), median(fid), fid[0], fid[fid.length - 1], diverged);
        });
    }

    /** Sorts by the study's order of datasets and variants. */
    private static String order(Job job) {
        return String.format(Locale.ROOT, "%03d%03d %s\t%s", job.study().datasets().indexOf(job.dataset()),
                job.study().variants().indexOf(job.variant()), job.dataset(), job.variant().name());
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
