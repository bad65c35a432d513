package dev.ganboard.sdk;

import java.nio.file.Path;

/** {@code java -cp <sdk class path> dev.ganboard.sdk.Cli sync DIR [--url URL]}: delivers offline or leftover runs. */
public final class Cli {
    private Cli() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !args[0].equals("sync")) {
            System.err.println("usage: ganboard-sdk sync DIR [--url URL]   (key from GANBOARD_API_KEY)");
            System.exit(2);
        }
        SyncReport report;
        if (args.length >= 4 && args[2].equals("--url")) {
            report = GanBoard.sync(Config.fromEnv().toBuilder().url(args[3]).build(), Path.of(args[1]));
        } else {
            report = GanBoard.sync(Path.of(args[1]));
        }
        for (SyncReport.Item item : report.runs()) {
            System.out.printf("%s run=%s sent=%d batches (%d points) rejected=%d left=%d checkpoints-left=%d %s%s%n",
                    item.localId(), item.runId(), item.batchesSent(), item.pointsSent(), item.batchesRejected(),
                    item.batchesLeft(), item.checkpointsLeft(), item.outcome(),
                    item.message() == null ? "" : " (" + item.message() + ")");
        }
        System.exit(report.complete() ? 0 : 1);
    }
}
