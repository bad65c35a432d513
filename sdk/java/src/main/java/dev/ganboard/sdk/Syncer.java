package dev.ganboard.sdk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers run directories left behind by offline runs, killed processes or a server that stayed down past finish():
 * creates the run if needed, sends every pending WAL batch with its original seq (the server stores each (run, seq)
 * once, so batches that did arrive before the crash are not duplicated), uploads checkpoints, sets the end status.
 */
final class Syncer {
    private static final int MAX_ATTEMPTS = 8;

    private final Config config;
    private final boolean preferRecordedUrl;

    Syncer(Config config, boolean preferRecordedUrl) {
        this.config = config;
        this.preferRecordedUrl = preferRecordedUrl;
    }

    SyncReport sync(Path path) {
        List<Path> dirs = new ArrayList<>();
        if (RunDir.isRunDir(path)) {
            dirs.add(path);
        } else if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                ds.forEach(p -> {
                    if (RunDir.isRunDir(p)) {
                        dirs.add(p);
                    }
                });
            } catch (IOException e) {
                throw new GanBoardException("cannot list " + path + ": " + e, e);
            }
            dirs.sort(null);
        } else {
            throw new GanBoardException(path + " is neither a run directory nor a directory of runs");
        }
        List<SyncReport.Item> items = new ArrayList<>();
        for (Path dir : dirs) {
            items.add(syncOne(dir));
        }
        return new SyncReport(items);
    }

    private SyncReport.Item syncOne(Path path) {
        String localId = path.getFileName().toString();
        RunDir dir;
        try {
            dir = RunDir.lock(path);
        } catch (IOException e) {
            return new SyncReport.Item(localId, null, 0, 0, 0, -1, -1, "failed", e.toString());
        }
        if (dir == null) {
            return new SyncReport.Item(localId, null, 0, 0, 0, -1, -1, "in-use", "a live process holds this run");
        }
        long sent = 0;
        long points = 0;
        long rejected = 0;
        Long runId = null;
        try (dir; Wal wal = Wal.open(path, false)) {
            Map<String, Object> info = dir.runInfo();
            Config effective = config;
            if (preferRecordedUrl && info.get("url") != null) {
                // resolved again for that URL, so the local admin-key fallback never applies to another host
                effective = Config.fromEnv(System.getenv()).url(info.get("url").toString()).build();
            }
            Api api = new Api(effective.url(), effective.apiKey());
            Checkpoints checkpoints = new Checkpoints(dir.checkpoints());
            boolean nothingLeft = wal.pendingBatches() == 0 && checkpoints.pending().isEmpty()
                    && dir.pendingFinish() == null && dir.serverRunId().isPresent() && dir.finishDelivered();
            if (nothingLeft) {
                return new SyncReport.Item(localId, dir.serverRunId().getAsLong(), 0, 0, 0, 0, 0, "synced",
                        "already delivered");
            }
            api.me();
            RunCreator creator = new RunCreator(api, dir, info);
            runId = creator.ensure();
            Transport transport = new HttpTransport(api);
            Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
            for (Long seq = wal.firstPending(); seq != null; seq = wal.nextPendingAfter(seq)) {
                byte[] body = wal.read(seq);
                int n = wal.points(seq);
                Transport.Result result = transport.send(runId, seq, body);
                for (int attempt = 1; result.outcome() == Transport.Outcome.RETRY && attempt < MAX_ATTEMPTS; attempt++) {
                    Thread.sleep(backoff.nextDelayMillis());
                    result = transport.send(runId, seq, body);
                }
                backoff.reset();
                switch (result.outcome()) {
                    case DELIVERED -> {
                        wal.ack(seq);
                        sent++;
                        points += n;
                    }
                    case REJECTED -> {
                        wal.ack(seq);
                        rejected++;
                        Log.warn("sync %s: batch %d refused for good and dropped: %s", localId, seq, result.message());
                    }
                    default -> {
                        return new SyncReport.Item(localId, runId, sent, points, rejected, wal.pendingBatches(),
                                checkpoints.pending().size(), "incomplete", result.message());
                    }
                }
            }
            int checkpointsLeft = CheckpointUploader.uploadPending(api, runId, checkpoints, "sync " + localId).left();
            Status status = dir.pendingFinish();
            if (status == null && !dir.finishDelivered()) {
                status = Status.CRASHED; // nobody holds the lock and finish() never ran: the process died
            }
            if (status != null) {
                api.finish(runId, status);
                dir.recordFinish(status, true);
            }
            return new SyncReport.Item(localId, runId, sent, points, rejected, 0, checkpointsLeft,
                    checkpointsLeft == 0 ? "synced" : "incomplete",
                    checkpointsLeft == 0 ? null : checkpointsLeft + " checkpoints pending (server has no checkpoint route yet?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyncReport.Item(localId, runId, sent, points, rejected, -1, -1, "failed", "interrupted");
        } catch (Api.Refused e) {
            return new SyncReport.Item(localId, runId, sent, points, rejected, -1, -1, "failed",
                    "HTTP " + e.status + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new SyncReport.Item(localId, runId, sent, points, rejected, -1, -1, "failed", e.getMessage());
        }
    }
}
