package dev.ganboard.demo.runner;

import dev.ganboard.demo.train.TrainingListener;

/** One run's record in a sink: its losses and checkpoints, then exactly one of finish or fail. */
public interface RunLog extends TrainingListener {

    void finish();

    void fail(Throwable error);
}
