package dev.ganboard.sdk;

/** Something the SDK cannot work around, e.g. a project the key may not see or a server that refuses the run. */
public class GanBoardException extends RuntimeException {
    public GanBoardException(String message) {
        super(message);
    }

    public GanBoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
