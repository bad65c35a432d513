package dev.ganboard.demo.runner;

import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Terminal progress: one line per finished run with runs done / total, elapsed time and an ETA. The ETA weighs
 * runs by their updates per step (n_critic + 1), so a late WGAN-GP run does not surprise.
 */
public final class Progress {
    private final PrintStream out;
    private long startNanos = System.nanoTime();
    private int done;
    private int total;
    private double doneWork;
    private double totalWork;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress silent() {
        return new Progress(null);
    }

    synchronized void started(Study study, List<Job> jobs, int parallelism) {
        startNanos = System.nanoTime();
        total = jobs.size();
        totalWork = jobs.stream().mapToDouble(Progress::work).sum();
        print(String.format(Locale.ROOT, "study %s: %d runs (%d dataset(s) x %d variant(s) x %d seed(s)), %d steps "
                        + "each, %d in parallel", study.name(), total, study.datasets().size(), study.variants().size(),
                study.seeds().size(), study.steps(), parallelism));
    }

    synchronized void finished(Job job, Duration took, Throwable error) {
        done++;
        doneWork += work(job);
        Duration elapsed = elapsed();
        Duration eta = Duration.ofMillis((long) (elapsed.toMillis() * Math.max(0, totalWork - doneWork) / doneWork));
        String what = error == null ? "done  " : "FAILED";
        print(String.format(Locale.ROOT, "[%3d/%d] %s %-40s %6.1f s | elapsed %s | ETA %s%s", done, total, what, job,
                took.toMillis() / 1000.0, clock(elapsed), done == total ? "-" : clock(eta),
                error == null ? "" : " | " + error));
    }

    synchronized void note(String line) {
        print(line);
    }

    private static double work(Job job) {
        return (double) job.study().steps() * (job.variant().hyperparameters().nCritic() + 1);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
