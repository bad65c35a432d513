package dev.ganboard.demo.runner;

import ai.djl.engine.Engine;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.train.Training;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study's jobs on a small thread pool. A failing run is recorded and the others go on; a sink that cannot
 * open a run (server refuses the API key, disk full) stops the study: the runs not yet started are skipped.
 */
public final class StudyRunner {
    public static final int DEFAULT_PARALLELISM = 2;

    private final int parallelism;
    private final Progress progress;

    public StudyRunner(int parallelism, Progress progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.progress = progress;
    }

    public StudyResult run(Study study, RunSink sink) {
        return run(study, study.jobs(), sink);
    }

    /** Runs the given jobs of the study (all of them: {@link #run(Study, RunSink)}). */
    public StudyResult run(Study study, List<Job> jobs, RunSink sink) {
        Engine.getInstance(); // load the native engine once, before threads race to extract it
        progress.started(study, jobs, Math.min(parallelism, jobs.size()));
        List<Job> finished = Collections.synchronizedList(new ArrayList<>());
        Map<Job, Throwable> failed = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
        AtomicInteger threadIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, jobs.size())), r -> {
            Thread t = new Thread(r, "demo-train-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    if (sinkFailure.get() != null) {
                        return;
                    }
                    RunLog log;
                    try {
                        log = sink.open(job);
                    } catch (RuntimeException e) {
                        sinkFailure.compareAndSet(null, e);
                        return;
                    }
                    long t0 = System.nanoTime();
                    Throwable error = train(job, log, sinkFailure);
                    if (error == null) {
                        finished.add(job);
                    } else {
                        failed.put(job, error);
                    }
                    progress.finished(job, Duration.ofNanos(System.nanoTime() - t0), error);
                }));
            }
            awaitAll(futures);
        } finally {
            pool.shutdownNow();
        }
        if (sinkFailure.get() != null) {
            progress.note("study stopped: " + sinkFailure.get().getMessage());
            throw sinkFailure.get();
        }
        return new StudyResult(jobs.size(), List.copyOf(finished),
                Collections.unmodifiableMap(new LinkedHashMap<>(failed)), progress.elapsed());
    }

    private static Throwable train(Job job, RunLog log, AtomicReference<RuntimeException> stop) {
        try {
            Training.of(job).train(log, () -> stop.get() != null || Thread.currentThread().isInterrupted());
            if (Thread.currentThread().isInterrupted() || stop.get() != null) {
                throw new CancellationException("cancelled: the study was stopped");
            }
            log.finish();
            return null;
        } catch (RuntimeException | Error e) {
            log.fail(e);
            return e;
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new IllegalStateException("interrupted while running the study", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("study runner failed", e.getCause());
            }
        }
    }
}
