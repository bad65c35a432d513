package dev.ganboard.protocol.ingest;

/** A metric batch that is refused as a whole; {@link #field()} names where (e.g. "points[3].value"), or null. */
public class InvalidBatchException extends RuntimeException {
    private final String field;

    public InvalidBatchException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
