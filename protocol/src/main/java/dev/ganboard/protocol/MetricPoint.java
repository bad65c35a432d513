package dev.ganboard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One scalar observation. {@code time} is epoch milliseconds; null means "when the server received it".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricPoint(String key, Long step, Double value, Long time) {
}
