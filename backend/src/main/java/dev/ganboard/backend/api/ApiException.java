package dev.ganboard.backend.api;

/** A request the API refuses, with the HTTP status and a message that names the problem (and the field, if any). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, null, what + " not found");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, null, message);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
