package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint as the API shows it. {@code chunksReceived} and {@code missingChunks} are filled for a single
 * checkpoint (what a resumed upload still has to send), not in lists. {@code progress} is set while a worker
 * evaluates it and has reported; {@code previewUrl} when an evaluation drew a preview of its samples.
 */
public record CheckpointSummary(long id, long runId, long step, String kind, String status, String statusDetail,
                             long size, String sha256, Integer chunkSize, Integer chunkCount, Integer chunksReceived,
                             List<Integer> missingChunks, JsonNode metadata, Instant createdAt, Instant finishedAt,
                             List<EvaluationSummary> evaluations, CheckpointProgress progress, String previewUrl) {
    public CheckpointSummary(long id, long runId, long step, String kind, String status, String statusDetail, long size,
                          String sha256, Integer chunkSize, Integer chunkCount, Integer chunksReceived,
                          List<Integer> missingChunks, JsonNode metadata, Instant createdAt, Instant finishedAt,
                          List<EvaluationSummary> evaluations) {
        this(id, runId, step, kind, status, statusDetail, size, sha256, chunkSize, chunkCount, chunksReceived,
                missingChunks, metadata, createdAt, finishedAt, evaluations, null, null);
    }

    public static String previewPath(long runId, long checkpointId) {
        return "/api/v1/runs/" + runId + "/checkpoints/" + checkpointId + "/preview.png";
    }
}
