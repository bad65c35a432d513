package dev.ganboard.worker;

/**
 * A checkpoint that cannot be evaluated for a reason its uploader can act on (checksum mismatch, truncated upload,
 * unsupported kind or dataset). The message is stored as the failed evaluation's error, so it must read well alone.
 */
public class EvaluationFailure extends RuntimeException {
    public EvaluationFailure(String message) {
        super(message);
    }
}
