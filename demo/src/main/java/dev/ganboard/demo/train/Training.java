package dev.ganboard.demo.train;

import dev.ganboard.demo.study.Architecture;
import dev.ganboard.demo.study.Job;
import java.util.function.BooleanSupplier;

/** One run's training loop. */
public interface Training {

    /** Runs every step unless {@code cancelled} turns true (checked once per step). */
    void train(TrainingListener listener, BooleanSupplier cancelled);

    /** The trainer for a job's architecture. */
    static Training of(Job job) {
        return job.variant().architecture() == Architecture.DCGAN ? new ImageGanTrainer(job) : new GanTrainer(job);
    }
}
