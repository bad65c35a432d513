package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What workers publish on {@link dev.ganboard.protocol.Topics#EVALUATIONS}, key = run id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EvaluationStarted.class, name = "started"),
        @JsonSubTypes.Type(value = EvaluationResult.class, name = "result"),
        @JsonSubTypes.Type(value = EvaluationProgressed.class, name = "progress")})
public sealed interface EvaluationRecord permits EvaluationStarted, EvaluationResult, EvaluationProgressed {
    long checkpointId();

    long runId();

    static String key(long runId) {
        return Long.toString(runId);
    }
}
