package dev.ganboard.metrics.core;

/**
 * Input a metric cannot be computed from: an unreadable or malformed file, a wrong shape, mismatched dimensions,
 * a NaN/Inf value, too few samples. The message names the problem (file, field, shape, row index) so that the CLI
 * and the worker can show it as is.
 */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
