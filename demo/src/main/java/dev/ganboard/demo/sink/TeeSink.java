package dev.ganboard.demo.sink;

import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.train.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hands every run to several sinks, in order. */
public final class TeeSink implements RunSink {
    private final List<RunSink> sinks;

    public TeeSink(RunSink... sinks) {
        this.sinks = List.of(sinks);
    }

    @Override
    public RunLog open(Job job) {
        List<RunLog> logs = new ArrayList<>();
        for (RunSink sink : sinks) {
            logs.add(sink.open(job));
        }
        return new RunLog() {
            @Override
            public void onStep(long step, Map<String, Double> losses) {
                logs.forEach(l -> l.onStep(step, losses));
            }

            @Override
            public void onCheckpoint(long step, Samples samples) {
                logs.forEach(l -> l.onCheckpoint(step, samples));
            }

            @Override
            public void finish() {
                logs.forEach(RunLog::finish);
            }

            @Override
            public void fail(Throwable error) {
                logs.forEach(l -> l.fail(error));
            }
        };
    }
}
