package dev.ganboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.cli.GanboardCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ganboard bench checkpoint}: one samples checkpoint through the whole platform, REST upload to stored
 * evaluation, on the application jar of this build and (with {@code --baseline-jar}) on another build, both
 * started side by side and measured in turns so that the machine's load hits both alike. Per upload: the time from
 * the first request to 202 on finish (every chunk durable in Kafka), from there to the stored evaluation, the
 * worker's own evaluation time, the server's CPU seconds and the bytes the upload added to the checkpoints topic.
 * Writes its section of docs/benchmarks.md.
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Benchmark a samples checkpoint from REST upload to stored evaluation, and its bytes on Kafka.")
public final class BenchCheckpointCommand implements Callable<Integer> {
    static final String SECTION = "## Checkpoint upload to evaluation";

    @Spec
    CommandSpec spec;

    @Option(names = "--jar", defaultValue = "app/target/quarkus-app/quarkus-run.jar",
            description = "application jar of this build (default: ${DEFAULT-VALUE})")
    Path jar;

    @Option(names = "--baseline-jar", description = "application jar of the build to compare with, e.g. main's")
    Path baselineJar;

    @Option(names = "--size-mb", defaultValue = "50", description = "samples file size in MB (default: ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--reps", defaultValue = "3", description = "measured uploads per server and chunk size, after "
            + "one warm-up upload (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--max-samples", defaultValue = "10000", description = "samples the worker evaluates (the "
            + "first rows of the file; the platform's default is 50000) (default: ${DEFAULT-VALUE})")
    int maxSamples;

    @Option(names = "--compression", defaultValue = "none",
            description = "producer compression of the servers (GANBOARD_KAFKA_COMPRESSION) (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--docs", defaultValue = "docs/benchmarks.md",
            description = "file whose checkpoint section is rewritten (default: ${DEFAULT-VALUE})")
    Path docs;

    @Option(names = "--no-docs", description = "do not touch the docs")
    boolean noDocs;

    /** One chunk-size setting: the server's default, or the largest chunk the server accepts. */
    enum ChunkSetting {
        DEFAULT("server default"), LARGEST("largest accepted");

        final String label;

        ChunkSetting(String label) {
            this.label = label;
        }
    }

    /** One measured upload. */
    record Upload(String server, ChunkSetting setting, int chunkSize, int chunks, double uploadS, double settleS,
                  double workerS, double serverCpuS, long topicBytes, String status) {
        double totalS() {
            return uploadS + settleS;
        }
    }

    private final Map<Integer, Chunks> splits = new HashMap<>();

    private record Chunks(byte[][] data, String[] sha) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String loadAtStart = BenchFidCommand.loadAverage();
        byte[] blob = samplesFile(sizeMb);
        String sha = Sha256.of(blob);
        out.printf(Locale.ROOT, "samples: ring8 float32 [%,d, 2], %,d bytes; worker evaluates %,d; compression %s%n",
                (blob.length - 128) / 8, blob.length, maxSamples, compression);
        List<String> jvm = List.of("-Dganboard.worker.max-samples=" + maxSamples);
        Map<String, String> env = Map.of("GANBOARD_KAFKA_COMPRESSION", compression);
        List<BenchServer> servers = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        try {
            if (baselineJar != null) {
                servers.add(BenchServer.start("baseline", baselineJar, jvm, env));
            }
            servers.add(BenchServer.start("current", jar, jvm, env));
            Map<BenchServer, Long> runs = new LinkedHashMap<>();
            for (BenchServer s : servers) {
                runs.put(s, run(s));
            }
            long step = 0;
            for (int rep = 0; rep <= reps; rep++) {
                for (ChunkSetting setting : ChunkSetting.values()) {
                    for (BenchServer s : servers) {
                        Upload u = upload(s, runs.get(s), ++step, blob, sha, setting);
                        out.printf(Locale.ROOT, "%s %-8s %-16s chunk %,9d: upload %6.2f s, to evaluated %6.2f s "
                                        + "(worker %5.2f s), server CPU %6.2f s, topic +%,d bytes, %s%n",
                                rep == 0 ? "warm-up" : "rep " + rep, s.label, setting.label, u.chunkSize(), u.uploadS(),
                                u.settleS(), u.workerS(), u.serverCpuS(), u.topicBytes(), u.status());
                        if (!"evaluated".equals(u.status())) {
                            throw new IllegalStateException(s.label + ": the checkpoint ended " + u.status());
                        }
                        if (rep > 0) {
                            uploads.add(u);
                        }
                    }
                }
            }
        } finally {
            for (BenchServer s : servers) {
                s.close();
            }
        }
        Report report = new Report(blob.length, maxSamples, compression, reps, uploads, loadAtStart,
                BenchFidCommand.loadAverage(), baselineJar != null);
        out.println();
        out.print(report.section());
        if (!noDocs) {
            BenchDocs.writeSection(docs, SECTION, report.section());
            out.println("updated the '" + SECTION + "' section of " + docs);
        }
        return GanboardCli.EXIT_OK;
    }

    /** A ring8 samples file of about {@code mb} MB: float32 [N, 2], points drawn by the mixture's own rule. */
    static byte[] samplesFile(int mb) throws IOException {
        int n = (int) (mb * 1_000_000L / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * n + 256);
        NpyWriter.write(out, Mixture.RING8.sample(new SplitMix64(1), n), new long[] {n, 2}, NpyDtype.FLOAT32);
        return out.toByteArray();
    }

    private static long run(BenchServer s) throws IOException, InterruptedException {
        String project = "bench-checkpoint-" + System.nanoTime();
        s.post("/api/v1/projects", Map.of("name", project, "dataset", "ring8"));
        return s.post("/api/v1/runs", Map.of("project", project, "variant", "bench", "seed", 1)).get("id").asLong();
    }

    private Upload upload(BenchServer s, long runId, long step, byte[] blob, String sha, ChunkSetting setting)
            throws IOException, InterruptedException {
        String base = "/api/v1/runs/" + runId + "/checkpoints";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", step);
        body.put("kind", "samples");
        body.put("size", blob.length);
        body.put("sha256", sha);
        long bytes0 = s.topicBytes(Topics.CHECKPOINTS);
        double cpu0 = s.cpuSeconds();
        long t0 = System.nanoTime();
        JsonNode created = create(s, base, body, setting);
        int chunkSize = created.get("chunk_size").asInt();
        long id = created.get("id").asLong();
        Chunks chunks = split(blob, chunkSize);
        for (int i = 0; i < chunks.data().length; i++) {
            s.put(base + "/" + id + "/chunks/" + i, chunks.data()[i], "X-Chunk-SHA256", chunks.sha()[i]);
        }
        s.post(base + "/" + id + "/finish", Map.of());
        long t1 = System.nanoTime();
        JsonNode c = s.get(base + "/" + id);
        while (!c.get("status").asText().equals("evaluated") && !c.get("status").asText().equals("failed")) {
            Thread.sleep(20);
            c = s.get(base + "/" + id);
        }
        long t2 = System.nanoTime();
        JsonNode evaluations = c.get("evaluations");
        double worker = evaluations.isEmpty() ? Double.NaN
                : evaluations.get(evaluations.size() - 1).get("duration_ms").asLong() / 1e3;
        return new Upload(s.label, setting, chunkSize, chunks.data().length, (t1 - t0) / 1e9, (t2 - t1) / 1e9, worker,
                s.cpuSeconds() - cpu0, s.topicBytes(Topics.CHECKPOINTS) - bytes0, c.get("status").asText());
    }

    /** The largest chunk this build's protocol allows, else the 720 KiB limit of builds before binary chunks. */
    private static JsonNode create(BenchServer s, String base, Map<String, Object> body, ChunkSetting setting)
            throws IOException, InterruptedException {
        if (setting == ChunkSetting.DEFAULT) {
            return s.post(base, body);
        }
        body.put("chunk_size", ChunkLayout.MAX_CHUNK_SIZE);
        try {
            return s.post(base, body);
        } catch (IllegalStateException refused) {
            if (!refused.getMessage().contains("chunk_size")) {
                throw refused;
            }
            body.put("chunk_size", ChunkLayout.MAX_JSON_CHUNK_SIZE);
            return s.post(base, body);
        }
    }

    /** The blob's chunks and their SHA-256, computed once per chunk size (outside the timed upload after warm-up). */
    private Chunks split(byte[] blob, int chunkSize) {
        return splits.computeIfAbsent(chunkSize, size -> {
            ChunkLayout layout = new ChunkLayout(blob.length, size);
            byte[][] data = new byte[layout.chunkCount()][];
            String[] sha = new String[data.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = Arrays.copyOfRange(blob, (int) layout.offset(i), (int) layout.offset(i) + layout.length(i));
                sha[i] = Sha256.of(data[i]);
            }
            return new Chunks(data, sha);
        });
    }

    /** Medians per server and chunk setting, the ratios current / baseline, and the docs section. */
    record Report(long fileBytes, int maxSamples, String compression, int reps, List<Upload> uploads,
                  String loadAtStart, String loadAtEnd, boolean withBaseline) {

        private List<Upload> of(String server, ChunkSetting setting) {
            return uploads.stream().filter(u -> u.server().equals(server) && u.setting() == setting).toList();
        }

        private static double median(List<Upload> us, java.util.function.ToDoubleFunction<Upload> f) {
            return BenchFidCommand.median(us.stream().map(u -> f.applyAsDouble(u)).toList());
        }

        String section() {
            StringBuilder b = new StringBuilder(SECTION).append("\n\n");
            b.append(String.format(Locale.ROOT, "Measured %s on the 2-core reference machine, load average %s at the "
                    + "start and %s at the end. One samples checkpoint, ring8 float32 [%,d, 2] = %,d bytes (%.1f MB), "
                    + "uploaded through REST (create, sequential PUT of every chunk with its SHA-256, finish) to the "
                    + "embedded platform (H2, in-process Kafka, one in-process worker), which evaluates its first "
                    + "%,d points. Producer compression: %s. Median of %d uploads per row after one warm-up upload "
                    + "each; %s.%n%n", LocalDate.now(), loadAtStart, loadAtEnd, (fileBytes - 128) / 8, fileBytes,
                    fileBytes / 1e6, maxSamples, compression, reps, withBaseline
                            ? "baseline and current ran side by side and were measured in turns"
                            : "current build only"));
            b.append("| build | chunks | upload s | upload → evaluated s | of which worker s | total s | server CPU s "
                    + "| bytes on ganboard.checkpoints | / file size |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
            List<String> servers = withBaseline ? List.of("baseline", "current") : List.of("current");
            for (ChunkSetting setting : ChunkSetting.values()) {
                for (String server : servers) {
                    List<Upload> us = of(server, setting);
                    if (us.isEmpty()) {
                        continue;
                    }
                    Upload first = us.getFirst();
                    b.append(String.format(Locale.ROOT, "| %s | %s: %,d × %,d B | %.2f | %.2f | %.2f | %.2f | %.2f "
                                    + "| %,d | %.3f |%n", server, setting.label, first.chunks(), first.chunkSize(),
                            median(us, Upload::uploadS), median(us, Upload::settleS), median(us, Upload::workerS),
                            median(us, Upload::totalS), median(us, Upload::serverCpuS),
                            (long) median(us, u -> u.topicBytes()), median(us, u -> u.topicBytes()) / fileBytes));
                }
            }
            if (withBaseline) {
                b.append("\nCurrent / baseline (medians):\n\n");
                b.append("| chunks | total time | upload | upload → evaluated | server CPU | bytes on the topic |\n");
                b.append("|---|---|---|---|---|---|\n");
                for (ChunkSetting setting : ChunkSetting.values()) {
                    List<Upload> base = of("baseline", setting);
                    List<Upload> cur = of("current", setting);
                    if (base.isEmpty() || cur.isEmpty()) {
                        continue;
                    }
                    b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.3f |%n", setting.label,
                            median(cur, Upload::totalS) / median(base, Upload::totalS),
                            median(cur, Upload::uploadS) / median(base, Upload::uploadS),
                            median(cur, Upload::settleS) / median(base, Upload::settleS),
                            median(cur, Upload::serverCpuS) / median(base, Upload::serverCpuS),
                            median(cur, u -> u.topicBytes()) / median(base, u -> u.topicBytes())));
                }
            }
            b.append("\nEvery upload: ");
            b.append(String.join("; ", uploads.stream().map(u -> String.format(Locale.ROOT, "%s/%s %.2f+%.2f s",
                    u.server(), u.setting() == ChunkSetting.DEFAULT ? "default" : "largest", u.uploadS(),
                    u.settleS())).toList()));
            b.append(".\n\nReproduce: build this branch (`./ganboard build`) and the baseline in a clone "
                    + "(`./mvnw -q -DskipTests package` there, so your local repository keeps this build's jars), "
                    + "then\n\n");
            b.append(String.format(Locale.ROOT, "    ./ganboard bench checkpoint --baseline-jar /tmp/base/app/target/"
                    + "quarkus-app/quarkus-run.jar --size-mb %d --reps %d --max-samples %d%n%n",
                    fileBytes / 1_000_000, reps, maxSamples));
            return b.toString();
        }
    }
}
