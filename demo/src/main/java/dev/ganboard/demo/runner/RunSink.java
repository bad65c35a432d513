package dev.ganboard.demo.runner;

import dev.ganboard.demo.study.Job;

/** Where a study's runs go. {@link #open} is called on the training thread; sinks must be thread-safe. */
public interface RunSink {

    /** Starts recording one run. A failure here stops the whole study (e.g. a rejected API key). */
    RunLog open(Job job);
}
