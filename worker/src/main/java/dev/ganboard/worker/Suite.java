package dev.ganboard.worker;

/** The version of the metric suite; part of every evaluation id, so a new suite evaluates old checkpoints anew. */
public final class Suite {
    public static final String VERSION = "suite-1";

    private Suite() {
    }
}
