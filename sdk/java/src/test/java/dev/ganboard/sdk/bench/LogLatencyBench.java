package dev.ganboard.sdk.bench;

import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of one {@code run.log(step, map)} call with 10 keys, measured call by call with System.nanoTime while
 * the WAL writer works in the background (offline mode: the sender adds nothing to log() itself). Two loops: one
 * paced at 20,000 calls/s (a very fast training loop, 200,000 points/s) and one flat out, where the writer falls
 * behind and backpressure shows. Usage: LogLatencyBench [calls per loop, default 200,000]
 */
public final class LogLatencyBench {
    private static final String[] KEYS = new String[10];

    static {
        for (int k = 0; k < 10; k++) {
            KEYS[k] = "loss/k" + k;
        }
    }

    private LogLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("ganboard-log-bench");
        try {
            Config config = Config.builder().mode(Config.Mode.OFFLINE).dir(dir).build();
            try (Run run = GanBoard.init(config, new RunSpec().project("bench").variant("v"))) {
                measure(run, 0, 100_000, 0); // warm-up: JIT
                report("paced, 20k calls/s", measure(run, 100_000, calls, 50_000));
                report("flat out", measure(run, 100_000L + calls, calls, 0));
            }
        } finally {
            delete(dir);
        }
    }

    private static void report(String label, long[] t) {
        Arrays.sort(t);
        int n = t.length;
        double mean = Arrays.stream(t).average().orElse(0);
        System.out.printf("log() with 10 keys, %s, %,d calls: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.0f us,"
                        + " mean %.2f us%n", label, n, t[n / 2] / 1e3, t[(int) (n * 0.99)] / 1e3,
                t[(int) (n * 0.999)] / 1e3, t[n - 1] / 1e3, mean / 1e3);
    }

    private static long[] measure(Run run, long firstStep, int calls, long periodNanos) {
        long[] t = new long[calls];
        long next = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long step = firstStep + i;
            Map<String, Object> values = new HashMap<>(16);
            for (int k = 0; k < 10; k++) {
                values.put(KEYS[k], step * 1e-3 + k);
            }
            if (periodNanos > 0) {
                next += periodNanos;
                while (System.nanoTime() < next) {
                    Thread.onSpinWait(); // the rest of the training step
                }
            }
            long t0 = System.nanoTime();
            run.log(step, values);
            t[i] = System.nanoTime() - t0;
        }
        return t;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
