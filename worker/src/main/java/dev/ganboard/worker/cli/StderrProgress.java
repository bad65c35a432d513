package dev.ganboard.worker.cli;

import dev.ganboard.worker.EvaluationProgress;
import java.io.PrintWriter;

/** Progress of a command-line evaluation as lines on stderr: each stage's start and end, and every 2 s between. */
final class StderrProgress implements EvaluationProgress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private String stage;
    private long stageStarted;
    private long last;

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void stage(String name, long done, long total) {
        long now = System.nanoTime();
        boolean fresh = !name.equals(stage);
        if (fresh) {
            stage = name;
            stageStarted = now;
        }
        if (fresh || done >= total || now - last > EVERY_NANOS) {
            double stageSeconds = (now - stageStarted) / 1e9;
            String eta = done > 0 && done < total
                    ? String.format(", ETA %.0f s", stageSeconds / done * (total - done)) : "";
            err.printf("[%6.1f s] %s: %d / %d%s%n", (now - started) / 1e9, name, done, total, eta);
            err.flush();
            last = now;
        }
    }
}
