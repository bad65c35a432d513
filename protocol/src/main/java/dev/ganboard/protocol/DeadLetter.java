package dev.ganboard.protocol;

/** A record that could not be processed, as published on {@link Topics#DLQ}: where it came from and why. */
public record DeadLetter(String sourceTopic, int partition, long offset, String key, String reason, String component,
                         long at) {
}
