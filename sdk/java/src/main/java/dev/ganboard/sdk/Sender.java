package dev.ganboard.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivers WAL batches in seq order over the transport, up to {@link #MAX_IN_FLIGHT} at a time, retrying with backoff
 * while the server is down. A batch leaves the WAL's pending set only on a 2xx (or a permanent 400/413 refusal, counted). Bodies come
 * from a bounded in-memory copy made by the writer, or from the segment files when the sender has fallen behind.
 */
final class Sender implements Runnable {
    static final long CACHE_BYTES = 64L << 20;
    /**
     * Batches on their way at once: a second one travels while the server stores the first, which nearly doubles
     * what one run can deliver when the round trip, not the server, is the limit. The WAL takes acks in any order.
     */
    static final int MAX_IN_FLIGHT = 2;
    private static final Executor SENDS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ganboard-send");
        t.setDaemon(true);
        return t;
    });

    private record Completed(long seq, byte[] body, Transport.Result result) {
    }

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
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();
    private boolean woken;
    private String retryReason;
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
            woken = true;
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
                handleCompleted();
                if (stopped || abort) {
                    break;
                }
                if (retryReason != null) {
                    awaitInFlight();
                    String why = retryReason;
                    retryReason = null;
                    retryLater(why);
                    continue;
                }
                Long seq = inFlight.size() < MAX_IN_FLIGHT ? nextToSend() : null;
                if (seq != null) {
                    dispatch(runId, seq);
                    continue;
                }
                if (inFlight.isEmpty() && wal.firstPending() == null) {
                    if (checkpointsDirty && !checkpointRouteMissing) {
                        uploadCheckpoints(runId);
                        continue;
                    }
                    if (drainAndStop) {
                        break;
                    }
                }
                await(1000);
            }
        } catch (Throwable t) {
            stopped = true;
            Log.warn("%s: sender stopped by %s; undelivered batches stay in %s for sync", label, t, wal.dir());
        }
    }

    /** The oldest pending batch not already on its way. */
    private Long nextToSend() {
        Long seq = wal.firstPending();
        while (seq != null && inFlight.contains(seq)) {
            seq = wal.nextPendingAfter(seq);
        }
        return seq;
    }

    /** Sends on a pooled thread; the outcome is handled back on this thread ({@link #handleCompleted}). */
    private void dispatch(long runId, long seq) throws IOException {
        byte[] body = cache.remove(seq);
        if (body != null) {
            cacheBytes.addAndGet(-body.length);
        } else {
            body = wal.read(seq);
            if (body == null) {
                return;
            }
        }
        byte[] sent = body;
        inFlight.add(seq);
        SENDS.execute(() -> {
            Transport.Result result;
            try {
                result = transport.send(runId, seq, sent);
            } catch (RuntimeException e) {
                result = new Transport.Result(Transport.Outcome.RETRY, e.toString());
            }
            completed.add(new Completed(seq, sent, result));
            wake();
        });
    }

    private void handleCompleted() {
        Completed c;
        while ((c = completed.poll()) != null) {
            handle(c.seq(), c.body(), c.result());
            inFlight.remove(c.seq()); // only now: until it is acked, the WAL still lists it as pending
        }
    }

    private void awaitInFlight() throws InterruptedException {
        while (!inFlight.isEmpty() && !abort) {
            await(100);
            handleCompleted();
        }
    }

    private void handle(long seq, byte[] body, Transport.Result result) {
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
                retryReason = result.message();
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

    /** Waits for a wake-up (a new batch, a finished send, a checkpoint), unless one came since the last wait. */
    private void await(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(millis);
            }
            woken = false;
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
