package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint as the API shows it. {@code chunksReceived} and {@code missingChunks} are filled for a single
 * checkpoint (what a resumed upload still has to send), not in lists.
 */
public record CheckpointView(long id, long runId, long step, String kind, String status, String statusDetail,
                             long size, String sha256, Integer chunkSize, Integer chunkCount, Integer chunksReceived,
                             List<Integer> missingChunks, JsonNode metadata, Instant createdAt, Instant finishedAt,
                             List<EvaluationView> evaluations) {
}
