package dev.ganboard.demo.sink;

import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.train.Samples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every run's losses and checkpoints in memory: for tests and for summaries of offline studies. */
public final class MemorySink implements RunSink {
    /** One step's losses. */
    public record Step(long step, Map<String, Double> losses) {
    }

    /** One checkpoint's samples. */
    public record Checkpoint(long step, Samples samples) {
    }

    /** Everything recorded for one run; {@code status} is "running", "finished" or "failed". */
    public static final class Recorded {
        private final List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        private final List<Checkpoint> checkpoints = Collections.synchronizedList(new ArrayList<>());
        private volatile String status = "running";
        private volatile Throwable error;

        public List<Step> steps() {
            return List.copyOf(steps);
        }

        public List<Checkpoint> checkpoints() {
            return List.copyOf(checkpoints);
        }

        public String status() {
            return status;
        }

        public Throwable error() {
            return error;
        }
    }

    private final Map<Job, Recorded> runs = Collections.synchronizedMap(new LinkedHashMap<>());

    @Override
    public RunLog open(Job job) {
        Recorded r = new Recorded();
        runs.put(job, r);
        return new RunLog() {
            @Override
            public void onStep(long step, Map<String, Double> losses) {
                r.steps.add(new Step(step, Map.copyOf(losses)));
            }

            @Override
            public void onCheckpoint(long step, Samples samples) {
                r.checkpoints.add(new Checkpoint(step, samples));
            }

            @Override
            public void finish() {
                r.status = "finished";
            }

            @Override
            public void fail(Throwable error) {
                r.error = error;
                r.status = "failed";
            }
        };
    }

    /** Runs in the order they were opened. */
    public Map<Job, Recorded> runs() {
        synchronized (runs) {
            return new LinkedHashMap<>(runs);
        }
    }

    public Recorded run(Job job) {
        return runs.get(job);
    }
}
