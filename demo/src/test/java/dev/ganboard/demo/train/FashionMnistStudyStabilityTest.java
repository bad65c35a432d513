package dev.ganboard.demo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.runner.Progress;
import dev.ganboard.demo.runner.StudyResult;
import dev.ganboard.demo.runner.StudyRunner;
import dev.ganboard.demo.sink.MemorySink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.StudyFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled Fashion-MNIST study exactly as the demo runs it (its variants, seeds and hyper-parameters, two
 * runs training at once), cut to its first {@value #STEPS} generator steps: every loss at every step and every
 * checkpoint image must be finite. On AVX-512 CPUs these runs diverged from step 90 on before the convolutions got
 * whole 16-channel blocks ({@code Convolution}).
 */
class FashionMnistStudyStabilityTest {
    private static final int STEPS = 300;

    @Test
    void theDemoStudyTrainsWithFiniteLossesAndImages() {
        assumeTrue(ImageDataset.available(ImageDataset.directory(System.getenv())),
                "Fashion-MNIST is not installed (apt install dataset-fashion-mnist): skipping");
        Study bundled = StudyFiles.bundled("fashion-mnist");
        Study study = new Study(bundled.name(), bundled.datasets(), bundled.variants(), bundled.seeds(), STEPS,
                STEPS / 2, 500);
        MemorySink sink = new MemorySink();

        StudyResult result = new StudyRunner(StudyRunner.DEFAULT_PARALLELISM, new Progress(System.out))
                .run(study, sink);

        assertEquals(6, study.jobs().size());
        assertTrue(result.ok(), "failed runs: " + result.failed());
        for (Job job : study.jobs()) {
            MemorySink.Recorded run = sink.run(job);
            String name = job.variant().name() + " seed " + job.seed();
            assertEquals(STEPS, run.steps().size(), name);
            for (MemorySink.Step step : run.steps()) {
                for (Map.Entry<String, Double> loss : step.losses().entrySet()) {
                    assertTrue(Double.isFinite(loss.getValue()),
                            name + ": " + loss.getKey() + " = " + loss.getValue() + " at step " + step.step());
                }
            }
            assertEquals(2, run.checkpoints().size(), name);
            for (MemorySink.Checkpoint checkpoint : run.checkpoints()) {
                assertTrue(checkpoint.samples().allFinite(), name + ": non-finite image at step " + checkpoint.step());
            }
        }
    }
}
