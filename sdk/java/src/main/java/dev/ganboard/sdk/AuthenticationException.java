package dev.ganboard.sdk;

/** The server rejected the API key (HTTP 401/403). Thrown by init() so a wrong key fails before training starts. */
public class AuthenticationException extends GanBoardException {
    public AuthenticationException(String message) {
        super(message);
    }
}
