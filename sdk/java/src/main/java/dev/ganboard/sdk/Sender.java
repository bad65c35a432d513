package dev.ganboard.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivers WAL batches in seq order over the transport, one at a time, retrying with backoff while the server is
 * down. A batch leaves the WAL's pending set only on a 2xx (or a permanent 400/413 refusal, counted). Bodies come
 * from a bounded in-memory copy made by the writer, or from the segment files when the sender has fallen behind.
 */
final class Sender implements Runnable {
    static final long CACHE_BYTES = 64L << 20;

    private final String label;
    private final Wal wal;
    private final Transport transport;
    private final RunCreator creator;
    private final Api api;
    private final Checkpoints checkpoints;
    private final Backoff backoff;
    private final Map<Long, byte[]> cache = new ConcurrentHashMap<>();
    private final AtomicLong cacheBytes = new AtomicLong();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Object signal = new Object();
    private volatile boolean drainAndStop;
    private volatile boolean abort;
    private volatile boolean stopped;
    private volatile boolean checkpointsDirty;
    private volatile boolean checkpointRouteMissing;
    private boolean down;
    private Thread thread;

    Sender(String label, Wal wal, Transport transport, RunCreator creator, Api api, Checkpoints checkpoints,
           Duration maxBackoff) {
        this.label = label;
        this.wal = wal;
        this.transport = transport;
        this.creator = creator;
        this.api = api;
        this.checkpoints = checkpoints;
        this.backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
    }

    Sender start() {
        thread = new Thread(this, "ganboard-sender-" + label);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Called by the writer after appending: keeps a copy so the sender need not read the file back. */
    void offer(long seq, byte[] body) {
        if (cacheBytes.get() + body.length <= CACHE_BYTES) {
            cache.put(seq, body);
            cacheBytes.addAndGet(body.length);
        }
    }

    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    void checkpointAdded() {
        checkpointsDirty = true;
        wake();
    }

    @Override
    public void run() {
        try {
            while (!stopped && !abort) {
                if (creator.runId().isEmpty() && !create()) {
                    continue;
                }
                long runId = creator.runId().getAsLong();
                Long seq = wal.firstPending();
                if (seq == null) {
                    if (checkpointsDirty && !checkpointRouteMissing) {
                        uploadCheckpoints(runId);
                        continue;
                    }
                    if (drainAndStop) {
                        break;
                    }
                    await(1000);
                    continue;
                }
                send(runId, seq);
            }
        } catch (Throwable t) {
            stopped = true;
            Log.warn("%s: sender stopped by %s; undelivered batches stay in %s for sync", label, t, wal.dir());
        }
    }

    private void send(long runId, long seq) throws IOException {
        byte[] body = cache.remove(seq);
        if (body != null) {
            cacheBytes.addAndGet(-body.length);
        } else {
            body = wal.read(seq);
            if (body == null) {
                return;
            }
        }
        Transport.Result result = transport.send(runId, seq, body);
        switch (result.outcome()) {
            case DELIVERED -> {
                wal.ack(seq);
                delivered.increment();
                backoff.reset();
                if (down) {
                    down = false;
                    Log.info("%s: server reachable again; delivering %d pending batches", label, wal.pendingBatches());
                }
            }
            case REJECTED -> {
                wal.ack(seq);
                rejected.increment();
                Log.warn("%s: batch %d refused for good and dropped: %s", label, seq, result.message());
            }
            case RETRY -> {
                if (cacheBytes.get() + body.length <= CACHE_BYTES) {
                    cache.put(seq, body);
                    cacheBytes.addAndGet(body.length);
                }
                retryLater(result.message());
            }
            case STOP -> {
                stopped = true;
                Log.warn("%s: stopped sending (%s); %d batches stay in %s for sync", label, result.message(),
                        wal.pendingBatches(), wal.dir());
            }
        }
    }

    private boolean create() {
        try {
            creator.ensure();
            backoff.reset();
            Log.info("%s: created on the server as run %d", label, creator.runId().getAsLong());
            return true;
        } catch (IOException e) {
            retryLater(e.toString());
        } catch (Api.Refused e) {
            stopped = true;
            Log.warn("%s: the server refused to create the run (HTTP %d: %s); everything stays in %s for sync",
                    label, e.status, e.getMessage(), wal.dir());
        }
        return false;
    }

    private void uploadCheckpoints(long runId) throws IOException {
        checkpointsDirty = false;
        CheckpointUploader.Result result = CheckpointUploader.uploadPending(api, runId, checkpoints, label);
        if (result.routeMissing()) {
            checkpointRouteMissing = true; // sync uploads them once the server supports it
        } else if (result.left() > 0) {
            retryLater("checkpoint upload failed");
            checkpointsDirty = true;
        }
    }

    private void retryLater(String why) {
        long delay = backoff.nextDelayMillis();
        if (!down) {
            down = true;
            Log.warn("%s: cannot deliver now (%s); the run goes on, batches wait in the WAL and are retried", label, why);
        }
        long deadline = System.nanoTime() + delay * 1_000_000;
        synchronized (signal) {
            long left;
            while (!abort && (left = deadline - System.nanoTime()) > 0) {
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void await(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }

    /** Deliver what is pending, then exit. */
    void drainAndStop() {
        drainAndStop = true;
        wake();
    }

    /** Give up now (finish timed out); the WAL keeps the rest. */
    void abort() {
        abort = true;
        wake();
    }

    void join(Duration timeout) throws InterruptedException {
        if (thread != null) {
            thread.join(Math.max(1, timeout.toMillis()));
        }
    }

    boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    boolean stopped() {
        return stopped;
    }

    long delivered() {
        return delivered.sum();
    }

    long rejected() {
        return rejected.sum();
    }
}
