package dev.ganboard.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<EvaluationProgressed> sent = new ArrayList<>();
    private boolean brokerDown;

    private final ResultPublisher publisher = new ResultPublisher() {
        @Override
        public void started(EvaluationStarted started) {
        }

        @Override
        public void result(EvaluationResult result) {
        }

        @Override
        public void progress(EvaluationProgressed progress) {
            if (brokerDown) {
                throw new RetryLater("broker down", null);
            }
            sent.add(progress);
        }

        @Override
        public void deadLetter(ConsumerRecord<String, byte[]> source, String reason) {
        }
    };

    private final ProgressReporter reporter = new ProgressReporter("w1", 12, 3, "checkpoint 12 (step 5)", publisher,
            clock::get, 5_000, 2_000);

    private void at(long offsetMillis, String stage, long done, long total) {
        clock.set(1_000_000 + offsetMillis);
        reporter.stage(stage, done, total);
    }

    @Test
    void atMostOneRecordEveryTwoSecondsWithTheLatestCountsAndAnEtaFromTheStagesRate() {
        at(0, "features", 0, 10_000);
        at(500, "features", 1_000, 10_000);
        at(1_999, "features", 2_000, 10_000);
        at(2_000, "features", 4_000, 10_000);
        at(3_000, "features", 5_000, 10_000);
        at(4_100, "features", 8_000, 10_000);

        assertEquals(List.of(0L, 4_000L, 8_000L), sent.stream().map(EvaluationProgressed::done).toList());
        EvaluationProgressed first = sent.get(0);
        assertNull(first.etaSeconds(), "no rate yet");
        assertEquals(12, first.checkpointId());
        assertEquals(3, first.runId());
        assertEquals("w1", first.worker());
        // 4,000 in 2 s: the 6,000 left take 3 s
        assertEquals(3L, sent.get(1).etaSeconds());
        assertEquals(1_002_000, sent.get(1).at());
        // 8,000 in 4.1 s: 2,000 left → 1.025 s → 2 (rounded up)
        assertEquals(2L, sent.get(2).etaSeconds());
        assertEquals(10_000, sent.get(2).total());
    }

    @Test
    void aNewStageRestartsTheRate() {
        at(0, "features", 0, 100);
        at(10_000, "features", 100, 100);
        at(10_000, "prdc", 0, 50);
        at(12_000, "prdc", 10, 50);
        EvaluationProgressed last = sent.getLast();
        assertEquals("prdc", last.stage());
        assertEquals(8L, last.etaSeconds(), "10 in 2 s, 40 left");
    }

    @Test
    void aProgressRecordThatCannotBeSentDoesNotStopTheEvaluation() {
        brokerDown = true;
        at(0, "features", 0, 10);
        brokerDown = false;
        at(2_000, "features", 5, 10);
        assertEquals(1, sent.size());
        assertEquals(5, sent.getFirst().done());
    }
}
