package dev.ganboard.backend.checkpoint;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;

/** The validated request to start an upload. Every refusal names the field and the limit. */
record UploadPlan(long step, String kind, long size, String sha256, int chunkSize, String metadataJson) {
    static final int MAX_CHUNKS = 65_536;
    static final int MAX_METADATA_CHARS = 65_536;

    static UploadPlan of(CheckpointResource.NewUpload body, CheckpointConfig config) {
        if (body == null) {
            throw ApiException.badRequest(null, "request body: a JSON object {\"step\", \"kind\", \"size\", "
                    + "\"sha256\"} is required");
        }
        if (body.step() == null || body.step() < 0) {
            throw ApiException.badRequest("step", "step: required, >= 0");
        }
        if (body.kind() == null || !CheckpointKind.ALL.contains(body.kind())) {
            throw ApiException.badRequest("kind", "kind: one of " + String.join(", ", CheckpointKind.ALL)
                    + (body.kind() == null ? "" : " (got '" + body.kind() + "')"));
        }
        if (body.size() == null || body.size() < 1) {
            throw ApiException.badRequest("size", "size: the blob's size in bytes is required, >= 1");
        }
        if (body.size() > config.maxSize()) {
            throw new ApiException(413, "size", "size: " + body.size() + " bytes is more than the checkpoint limit of "
                    + config.maxSize() + " bytes (" + gib(config.maxSize()) + "; ganboard.checkpoints.max-size)");
        }
        String sha = Sha256.normalise(body.sha256());
        if (sha == null) {
            throw ApiException.badRequest("sha256", "sha256: the whole blob's SHA-256 as 64 hex digits is required");
        }
        int chunkSize = body.chunkSize() == null ? config.chunkSize() : body.chunkSize();
        if (chunkSize < ChunkLayout.MIN_CHUNK_SIZE || chunkSize > ChunkLayout.MAX_CHUNK_SIZE) {
            throw ApiException.badRequest("chunk_size", "chunk_size: between " + ChunkLayout.MIN_CHUNK_SIZE + " and "
                    + ChunkLayout.MAX_CHUNK_SIZE + " bytes (got " + chunkSize + ")");
        }
        long chunks = (body.size() + chunkSize - 1) / chunkSize;
        if (chunks > MAX_CHUNKS) {
            throw ApiException.badRequest("chunk_size", "chunk_size: " + chunkSize + " bytes cuts " + body.size()
                    + " bytes into " + chunks + " chunks, more than " + MAX_CHUNKS + "; use at least "
                    + ((body.size() + MAX_CHUNKS - 1) / MAX_CHUNKS) + " bytes");
        }
        String metadata = null;
        if (body.metadata() != null && !body.metadata().isNull()) {
            if (!body.metadata().isObject()) {
                throw ApiException.badRequest("metadata", "metadata: must be a JSON object");
            }
            metadata = body.metadata().toString();
            if (metadata.length() > MAX_METADATA_CHARS) {
                throw ApiException.badRequest("metadata", "metadata: at most " + MAX_METADATA_CHARS
                        + " characters of JSON");
            }
        }
        return new UploadPlan(body.step(), body.kind(), body.size(), sha, chunkSize, metadata);
    }

    ChunkLayout layout() {
        return new ChunkLayout(size, chunkSize);
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
