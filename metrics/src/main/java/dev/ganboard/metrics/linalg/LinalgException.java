package dev.ganboard.metrics.linalg;

/** A LAPACK routine reported failure (e.g. an eigen-solver that did not converge). */
public class LinalgException extends RuntimeException {
    public LinalgException(String message) {
        super(message);
    }
}
