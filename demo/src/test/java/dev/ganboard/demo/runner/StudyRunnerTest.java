package dev.ganboard.demo.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.demo.sink.MemorySink;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.StudyFiles;
import dev.ganboard.demo.train.Samples;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Failure handling of the runner, on a study of a few steps. */
class StudyRunnerTest {
    private static final Study SHORT = shortStudy();

    @Test
    void aFailingRunIsRecordedAndTheOthersGoOn() {
        MemorySink memory = new MemorySink();
        RunSink failsOnSeed2 = job -> {
            RunLog inner = memory.open(job);
            return new RunLog() {
                @Override
                public void onStep(long step, Map<String, Double> losses) {
                    if (job.seed() == 2 && step == 3) {
                        throw new IllegalStateException("boom");
                    }
                    inner.onStep(step, losses);
                }

                @Override
                public void onCheckpoint(long step, Samples samples) {
                    inner.onCheckpoint(step, samples);
                }

                @Override
                public void finish() {
                    inner.finish();
                }

                @Override
                public void fail(Throwable error) {
                    inner.fail(error);
                }
            };
        };
        StudyResult result = new StudyRunner(2, Progress.silent()).run(SHORT, failsOnSeed2);
        assertFalse(result.ok());
        assertEquals(2, result.finished().size());
        assertEquals(2, result.failed().size());
        result.failed().forEach((job, error) -> {
            assertEquals(2, job.seed());
            assertEquals("boom", error.getMessage());
            assertEquals("failed", memory.run(job).status());
        });
    }

    @Test
    void aSinkThatCannotOpenRunsStopsTheStudy() {
        AtomicInteger opened = new AtomicInteger();
        RunSink refuses = job -> {
            opened.incrementAndGet();
            throw new IllegalStateException("API key rejected");
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StudyRunner(1, Progress.silent()).run(SHORT, refuses));
        assertEquals("API key rejected", e.getMessage());
        assertEquals(1, opened.get(), "runs after the refusal are not attempted");
    }

    @Test
    void progressPrintsAClock() {
        assertEquals("0:07", Progress.clock(Duration.ofSeconds(7)));
        assertEquals("12:05", Progress.clock(Duration.ofSeconds(725)));
        assertEquals("1:02:03", Progress.clock(Duration.ofSeconds(3723)));
    }

    private static Study shortStudy() {
        Study tiny = StudyFiles.bundled("tiny");
        return new Study("short", tiny.datasets(), tiny.variants(), tiny.seeds(), 5, 5, 20);
    }

}
