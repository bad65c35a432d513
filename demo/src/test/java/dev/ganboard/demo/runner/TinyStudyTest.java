package dev.ganboard.demo.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.demo.sink.MemorySink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.StudyFiles;
import dev.ganboard.demo.train.GanTrainer;
import dev.ganboard.demo.train.Samples;
import dev.ganboard.demo.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The bundled tiny study (2 variants x 2 seeds x 200 steps on ring8) end to end through the in-memory sink. */
class TinyStudyTest {

    @Test
    void runsEndToEndWithLossesEveryStepAndCheckpoints() {
        Study study = StudyFiles.bundled("tiny");
        MemorySink sink = new MemorySink();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        StudyResult result = new StudyRunner(2, new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8)))
                .run(study, sink);

        assertTrue(result.ok(), () -> "failed: " + result.failed());
        assertEquals(4, sink.runs().size());
        for (var entry : sink.runs().entrySet()) {
            Job job = entry.getKey();
            MemorySink.Recorded run = entry.getValue();
            assertEquals("finished", run.status(), job.toString());
            List<MemorySink.Step> steps = run.steps();
            assertEquals(study.steps(), steps.size(), job.toString());
            Set<String> keys = job.variant().loss().id().equals("wgan-gp")
                    ? Set.of("loss/D", "loss/G", "loss/gp", "wasserstein") : Set.of("loss/D", "loss/G");
            for (int i = 0; i < steps.size(); i++) {
                assertEquals(i + 1, steps.get(i).step());
                assertEquals(keys, steps.get(i).losses().keySet());
                steps.get(i).losses().values().forEach(v -> assertTrue(Double.isFinite(v), job + ": " + v));
            }
            List<MemorySink.Checkpoint> checkpoints = run.checkpoints();
            assertEquals(study.checkpointSteps(), checkpoints.stream().map(MemorySink.Checkpoint::step).toList());
            for (MemorySink.Checkpoint c : checkpoints) {
                assertEquals(study.samplesPerCheckpoint(), c.samples().rows());
                assertEquals(2, c.samples().cols());
                assertTrue(c.samples().allFinite());
            }
        }
        String out = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("study tiny: 4 runs"), out);
        assertTrue(out.contains("[  4/4] done"), out);
        assertTrue(out.contains("ETA"), out);
    }

    /** Two trainings of one (variant, seed) on parallel threads: the engine's shared state must not leak in. */
    @Test
    void sameVariantAndSeedGiveIdenticalLossesAndSamples() {
        Study study = StudyFiles.bundled("tiny");
        Job job = study.jobs().stream().filter(j -> j.variant().name().equals("WGAN-GP")).findFirst().orElseThrow();
        Job other = study.jobs().stream().filter(j -> j.variant().name().equals("NS-GAN")).findFirst().orElseThrow();
        var a = CompletableFuture.supplyAsync(() -> train(job));
        var b = CompletableFuture.supplyAsync(() -> train(job));
        var c = CompletableFuture.supplyAsync(() -> train(other));
        Recording first = a.join();
        Recording second = b.join();
        c.join();
        assertEquals(first.losses, second.losses);
        assertEquals(first.samples.size(), second.samples.size());
        for (int i = 0; i < first.samples.size(); i++) {
            assertEquals(List.of(first.samples.get(i)), List.of(second.samples.get(i)));
        }
    }

    private static Recording train(Job job) {
        Recording r = new Recording();
        new GanTrainer(job).train(r, () -> false);
        return r;
    }

    private static final class Recording implements TrainingListener {
        final List<Map<String, Double>> losses = new ArrayList<>();
        final List<List<Float>> samples = new ArrayList<>();

        @Override
        public void onStep(long step, Map<String, Double> values) {
            losses.add(Map.copyOf(values));
        }

        @Override
        public void onCheckpoint(long step, Samples s) {
            List<Float> copy = new ArrayList<>();
            for (float v : s.data()) {
                copy.add(v);
            }
            samples.add(copy);
        }
    }
}
