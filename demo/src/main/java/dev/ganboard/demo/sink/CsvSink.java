package dev.ganboard.demo.sink;

import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.train.Samples;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Offline output: DIR/PROJECT/VARIANT-seedN/ with losses.csv (step, then one column per loss key), samples at every
 * checkpoint as samples-stepNNNNNN.npy (float32 [N, 2], or [N, 1, 28, 28] for images; a conditional run's labels
 * beside them as labels-stepNNNNNN.npy) and status.txt ("finished" or "failed: ...").
 */
public final class CsvSink implements RunSink {
    private final Path dir;

    public CsvSink(Path dir) {
        this.dir = dir;
    }

    /** The directory a job's files go to. */
    public Path runDir(Job job) {
        return dir.resolve(job.project()).resolve(job.variant().name().replaceAll("[^A-Za-z0-9_.+-]", "_")
                + "-seed" + job.seed());
    }

    @Override
    public RunLog open(Job job) {
        Path run = runDir(job);
        try {
            Files.createDirectories(run);
            return new CsvRunLog(run, Files.newBufferedWriter(run.resolve("losses.csv")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + run, e);
        }
    }

    private static final class CsvRunLog implements RunLog {
        private final Path run;
        private final BufferedWriter losses;
        private List<String> columns;

        CsvRunLog(Path run, BufferedWriter losses) {
            this.run = run;
            this.losses = losses;
        }

        @Override
        public void onStep(long step, Map<String, Double> values) {
            try {
                if (columns == null) {
                    columns = List.copyOf(values.keySet());
                    losses.write("step," + String.join(",", columns) + "\n");
                }
                StringBuilder line = new StringBuilder().append(step);
                for (String c : columns) {
                    Double v = values.get(c);
                    line.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
                }
                losses.write(line.append('\n').toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + run.resolve("losses.csv"), e);
            }
        }

        @Override
        public void onCheckpoint(long step, Samples samples) {
            Path file = run.resolve(String.format(Locale.ROOT, "samples-step%06d.npy", step));
            try {
                NpyWriter.write(file, samples.data(), Arrays.stream(samples.shape()).asLongStream().toArray());
                if (samples.labels() != null) {
                    Path labels = run.resolve(String.format(Locale.ROOT, "labels-step%06d.npy", step));
                    NpyWriter.write(labels, Arrays.stream(samples.labels()).asDoubleStream().toArray(),
                            new long[] {samples.rows()}, NpyDtype.FLOAT64);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public void finish() {
            close("finished");
        }

        @Override
        public void fail(Throwable error) {
            close("failed: " + error);
        }

        private void close(String status) {
            try {
                losses.close();
                Files.writeString(run.resolve("status.txt"), status + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + run, e);
            }
        }
    }
}
