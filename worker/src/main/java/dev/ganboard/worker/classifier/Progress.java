package dev.ganboard.worker.classifier;

/** How far a long classifier job is (optimizer steps, images); called per batch. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void report(long done, long total);
}
