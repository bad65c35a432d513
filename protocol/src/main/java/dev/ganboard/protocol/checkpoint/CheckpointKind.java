package dev.ganboard.protocol.checkpoint;

import java.util.List;

/** The kinds of checkpoint an upload may declare. */
public final class CheckpointKind {
    /** An .npy/.npz of generated samples (images or points). */
    public static final String SAMPLES = "samples";
    /** A TorchScript generator module. */
    public static final String TORCHSCRIPT = "torchscript";
    public static final List<String> ALL = List.of(SAMPLES, TORCHSCRIPT);

    private CheckpointKind() {
    }
}
