package dev.ganboard.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One training run. {@link #log} only validates and queues (no I/O, no network); a writer thread appends to the
 * on-disk WAL and a sender thread delivers. Thread-safe. Close it (try-with-resources) or call {@link #finish}.
 */
public final class Run implements AutoCloseable {
    private final String localId;
    private final Config config;
    private final RunDir dir;
    private final Wal wal;
    private final PointQueue queue;
    private final WalWriter writer;
    private final Sender sender;
    private final Transport transport;
    private final RunCreator creator;
    private final Api api;
    private final Checkpoints checkpoints;
    private final PointValidator validator;
    private final AtomicLong lastStep = new AtomicLong(-1);
    private final LongAdder logged = new LongAdder();
    private final AtomicBoolean warnedClosed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile boolean finished;

    Run(String localId, Config config, RunDir dir, Wal wal, PointQueue queue, WalWriter writer, Sender sender,
        Transport transport, RunCreator creator, Api api, Checkpoints checkpoints, PointValidator validator) {
        this.localId = localId;
        this.config = config;
        this.dir = dir;
        this.wal = wal;
        this.queue = queue;
        this.writer = writer;
        this.sender = sender;
        this.transport = transport;
        this.creator = creator;
        this.api = api;
        this.checkpoints = checkpoints;
        this.validator = validator;
        this.shutdownHook = new Thread(this::onJvmExit, "ganboard-exit-" + localId);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The server's run id; empty in offline mode, or while the server has been unreachable since init. */
    public OptionalLong id() {
        return creator == null ? OptionalLong.empty() : creator.runId();
    }

    /** The local id, also the name of the run's directory under GANBOARD_DIR. */
    public String localId() {
        return localId;
    }

    /** The run's local directory (WAL, checkpoints): what sync delivers. */
    public Path dir() {
        return dir.path();
    }

    /**
     * Logs scalars at a step. Values are Numbers (Booleans count as 0/1); NaN and ±Inf are logged as they are (the
     * server records where the run diverged). Null, non-numeric values and invalid keys are dropped with a warning
     * (once per key and reason) and counted in {@link RunStats#rejectedPoints}.
     */
    public void log(long step, Map<String, ?> values) {
        if (finished) {
            warnClosed();
            return;
        }
        int n = values.size();
        lastStep.set(step);
        if (step < 0) {
            validator.rejectAll(n, "negative step " + step);
            return;
        }
        String[] keys = new String[n];
        double[] vals = new double[n];
        int k = 0;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey();
            if (!validator.key(key)) {
                continue;
            }
            Object value = e.getValue();
            if (!validator.isNumber(key, value)) {
                continue;
            }
            keys[k] = key;
            vals[k] = validator.value(key, step, value);
            k++;
        }
        if (k > 0) {
            if (queue.add(new PointQueue.Entry(step, System.currentTimeMillis(), keys, vals, k))) {
                logged.add(k);
            } else {
                warnClosed();
            }
        }
    }

    /** Logs at the step after the previous call's (0 for the first call). */
    public void log(Map<String, ?> values) {
        log(lastStep.get() + 1, values);
    }

    public void log(String key, long step, double value) {
        log(step, Map.of(key, value));
    }

    /**
     * Spools a checkpoint file: a TorchScript generator ({@code .pt}: kind "torchscript") or generated samples
     * ({@code .npy}/{@code .npz}: kind "samples"); metadata such as latent_dim, classes, output_range goes along.
     * The file is copied into the run directory now and uploaded in the background.
     */
    public void logCheckpoint(long step, Path file, Map<String, ?> metadata) {
        checkOpen();
        try {
            checkpoints.spoolFile(step, file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool checkpoint " + file, e);
        }
        if (sender != null) {
            sender.checkpointAdded();
        }
    }

    public void logCheckpoint(long step, Path file) {
        logCheckpoint(step, file, Map.of());
    }

    /** Generated samples {@code [n][d]} (e.g. 2-D points) with optional class labels, stored as .npy / .npz. */
    public void logCheckpoint(long step, float[][] samples, int[] labels, Map<String, ?> metadata) {
        int n = samples.length;
        int d = n == 0 ? 0 : samples[0].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (samples[i].length != d) {
                throw new IllegalArgumentException("ragged samples: row " + i + " has " + samples[i].length + " values");
            }
            System.arraycopy(samples[i], 0, flat, i * d, d);
        }
        logCheckpoint(step, flat, new int[]{n, d}, labels, metadata);
    }

    /** Generated samples of any shape (first dimension = sample, e.g. {n, 1, 28, 28}) flattened in C order. */
    public void logCheckpoint(long step, float[] data, int[] shape, int[] labels, Map<String, ?> metadata) {
        checkOpen();
        try {
            checkpoints.spoolSamples(step, data, shape, labels, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool samples of step " + step, e);
        }
        if (sender != null) {
            sender.checkpointAdded();
        }
    }

    /** Blocks until everything logged so far is in the WAL (not necessarily delivered). */
    public void flush() {
        try {
            long mark = queue.mark();
            queue.requestFlush();
            writer.awaitPersisted(mark, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public RunStats stats() {
        long pendingCheckpoints;
        try {
            pendingCheckpoints = checkpoints.pending().size();
        } catch (IOException e) {
            pendingCheckpoints = -1;
        }
        return new RunStats(logged.sum(), validator.rejected() + writer.pointsLost(), writer.batchesWritten(),
                sender == null ? 0 : sender.delivered(), sender == null ? 0 : sender.rejected(),
                wal.pendingBatches(), pendingCheckpoints);
    }

    public RunStats finish() {
        return finish(Status.FINISHED);
    }

    /**
     * Writes what is queued to the WAL, waits up to the finish timeout for delivery, then sets the run's status. What
     * could not be delivered in time stays in {@link #dir()} and the status is sent by sync after the data.
     */
    public synchronized RunStats finish(Status status) {
        if (finished) {
            return stats();
        }
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        return end(status, config.finishTimeout());
    }

    @Override
    public void close() {
        finish(Status.FINISHED);
    }

    private void onJvmExit() {
        if (finished) {
            return;
        }
        finished = true;
        Log.warn("run %s was not finished; writing what is queued and delivering for up to 5 s (status unchanged)",
                localId);
        end(null, Duration.ofSeconds(5));
    }

    private RunStats end(Status status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        queue.close();
        try {
            writer.join(Duration.ofSeconds(60));
            if (sender != null) {
                sender.drainAndStop();
                sender.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (sender.isAlive()) {
                    sender.abort();
                    sender.join(Duration.ofSeconds(2));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunStats stats = stats();
        try {
            boolean delivered = sender != null && stats.pendingBatches() == 0 && id().isPresent();
            if (status != null) {
                if (delivered) {
                    deliverFinish(status, deadline);
                } else {
                    dir.recordFinish(status, false);
                }
            }
            if (stats.rejectedPoints() > 0) {
                Log.warn("run %s: %d points were rejected at log() (see earlier warnings)", localId,
                        stats.rejectedPoints());
            }
            if (sender == null) {
                Log.info("offline run %s saved in %s; deliver it with: python -m ganboard sync %s", localId,
                        dir.path(), dir.path());
            } else if (!delivered) {
                Log.warn("run %s: %d batches (%d points) not delivered yet; they are safe in %s — deliver them with: "
                        + "python -m ganboard sync %s", localId, stats.pendingBatches(), wal.pendingPoints(),
                        dir.path(), dir.path());
            }
        } catch (IOException e) {
            Log.warn("run %s: cannot record the finish in %s: %s", localId, dir.path(), e);
        } finally {
            if (transport != null) {
                transport.close();
            }
            wal.close();
            dir.close();
        }
        return stats;
    }

    private void deliverFinish(Status status, long deadline) throws IOException {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        while (true) {
            try {
                api.finish(creator.runId().getAsLong(), status);
                dir.recordFinish(status, true);
                return;
            } catch (IOException | Api.Refused e) {
                boolean retryable = e instanceof IOException || ((Api.Refused) e).status >= 500;
                if (!retryable || System.nanoTime() > deadline) {
                    dir.recordFinish(status, false);
                    Log.warn("run %s: could not set status %s (%s); sync will", localId, status.wire(), e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(backoff.nextDelayMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    dir.recordFinish(status, false);
                    return;
                }
            }
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("run " + localId + " is finished");
        }
    }

    private void warnClosed() {
        if (warnedClosed.compareAndSet(false, true)) {
            Log.warn("run %s is finished; log() calls after finish() are ignored", localId);
        }
    }

    @Override
    public String toString() {
        return "Run[" + localId + (id().isPresent() ? ", id=" + id().getAsLong() : "") + ", " + dir.path() + "]";
    }
}
