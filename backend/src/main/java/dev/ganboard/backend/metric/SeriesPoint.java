package dev.ganboard.backend.metric;

/** One stored point; {@code time} is epoch milliseconds. */
public record SeriesPoint(long step, double value, long time) {
}
