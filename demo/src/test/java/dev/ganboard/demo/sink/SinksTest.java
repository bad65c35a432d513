package dev.ganboard.demo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.demo.loss.LossKind;
import dev.ganboard.demo.runner.Progress;
import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.StudyResult;
import dev.ganboard.demo.runner.StudyRunner;
import dev.ganboard.demo.study.Architecture;
import dev.ganboard.demo.study.Hyperparameters;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.StudyFiles;
import dev.ganboard.demo.study.StudyParser;
import dev.ganboard.demo.study.Variant;
import dev.ganboard.demo.train.Samples;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.sdk.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV and GANBoard sinks on a study of a few steps (the SDK in offline mode: everything lands on disk). */
class SinksTest {
    private static final Study SHORT = shortStudy();

    @TempDir
    Path tmp;

    @Test
    void csvSinkWritesLossesSamplesAndStatus() throws IOException {
        CsvSink csv = new CsvSink(tmp);
        SummarySink summary = new SummarySink();
        StudyResult result = new StudyRunner(2, Progress.silent()).run(SHORT, new TeeSink(csv, summary));
        assertTrue(result.ok());
        for (Job job : SHORT.jobs()) {
            Path run = csv.runDir(job);
            List<String> lines = Files.readAllLines(run.resolve("losses.csv"));
            assertEquals(SHORT.steps() + 1, lines.size());
            assertTrue(lines.get(0).startsWith("step,loss/D,"), lines.get(0));
            assertTrue(lines.get(1).startsWith("1,"), lines.get(1));
            assertEquals("finished", Files.readString(run.resolve("status.txt")).trim());
            try (NpyFile npy = NpyFile.open(run.resolve("samples-step000006.npy"))) {
                assertEquals(30, npy.rows());
                assertEquals(2, npy.cols());
            }
            assertTrue(Files.exists(run.resolve("samples-step000003.npy")));
        }
        assertEquals(4, summary.scores().size());
        summary.scores().values().forEach(s -> assertEquals(8, s.modes()));
    }

    @Test
    void ganBoardSinkLogsThroughTheSdk() throws IOException {
        Config offline = Config.builder().mode(Config.Mode.OFFLINE).dir(tmp).fsync(Config.Fsync.OFF).build();
        Study one = new Study("sdk", SHORT.datasets(), SHORT.variants().subList(1, 2), List.of(5L), 6, 3, 30);
        StudyResult result = new StudyRunner(1, Progress.silent()).run(one, new GanBoardSink(offline, "test"));
        assertTrue(result.ok(), () -> "failed: " + result.failed());

        Path runDir;
        try (Stream<Path> dirs = Files.list(tmp)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode info = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertEquals("sdk-ring8", info.get("project").asText());
        assertEquals("ring8", info.get("dataset").asText());
        assertEquals("WGAN-GP", info.get("variant").asText());
        assertEquals(5, info.get("seed").asLong());
        assertEquals("wgan-gp", info.get("config").get("loss").asText());
        assertEquals("test", info.get("code_version").asText());
        try (Stream<Path> files = Files.list(runDir.resolve("checkpoints"))) {
            assertEquals(2, files.filter(p -> p.toString().endsWith(".npy")).count());
        }
    }

    @Test
    void imageCheckpointsGoUpWithShapeLabelsAndPixelRange() throws IOException {
        Hyperparameters hp = StudyParser.DEFAULTS;
        Variant cgan = new Variant("cGAN", LossKind.NS, hp, Architecture.DCGAN, true);
        Study study = new Study("img", List.of("fashion-mnist"), List.of(cgan), List.of(1L), 1, 1, 10);
        Job job = study.jobs().get(0);
        float[] pixels = new float[10 * 784];
        java.util.Arrays.fill(pixels, -0.5f);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Samples images = new Samples(pixels, 10, 784, new int[] {10, 1, 28, 28}, labels);

        Config offline = Config.builder().mode(Config.Mode.OFFLINE).dir(tmp.resolve("sdk")).fsync(Config.Fsync.OFF)
                .build();
        RunLog log = new GanBoardSink(offline, null).open(job);
        log.onCheckpoint(1, images);
        log.finish();
        Path runDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("sdk"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode entry;
        try (Stream<Path> files = Files.list(runDir.resolve("checkpoints"))) {
            List<Path> all = files.toList();
            assertTrue(all.stream().anyMatch(p -> p.toString().endsWith("step1.npz")), all.toString());
            entry = new ObjectMapper().readTree(all.stream().filter(p -> p.toString().endsWith(".json"))
                    .findFirst().orElseThrow().toFile());
        }
        assertEquals("-1,1", entry.get("metadata").get("range").asText());
        assertEquals("fashion-mnist", entry.get("metadata").get("dataset").asText());

        CsvSink csv = new CsvSink(tmp.resolve("csv"));
        RunLog file = csv.open(job);
        file.onCheckpoint(1, images);
        file.finish();
        byte[] npy = Files.readAllBytes(csv.runDir(job).resolve("samples-step000001.npy"));
        String header = new String(npy, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'shape': (10, 1, 28, 28)"), header);
        assertTrue(Files.exists(csv.runDir(job).resolve("labels-step000001.npy")));
    }

    private static Study shortStudy() {
        Study tiny = StudyFiles.bundled("tiny");
        return new Study("short", tiny.datasets(), tiny.variants(), tiny.seeds(), 6, 3, 30);
    }
}
