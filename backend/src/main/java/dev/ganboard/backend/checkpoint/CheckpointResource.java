package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Resumable, chunked checkpoint upload: create (→ id and chunk size), PUT each chunk with its SHA-256, GET to see
 * what is missing after an interruption, finish to queue it for evaluation. Then read it with its evaluations.
 */
@Path("/api/v1/runs/{runId}/checkpoints")
public class CheckpointResource {
    public static final String CHUNK_SHA_HEADER = "X-Chunk-SHA256";

    @Inject
    Caller caller;
    @Inject
    RunService runs;
    @Inject
    CheckpointUploads uploads;
    @Inject
    CheckpointStore store;
    @Inject
    CheckpointQueries queries;
    @Inject
    PreviewStore previews;

    /** {@code chunkSize} is optional (the server's default otherwise); the answer's chunk_size is binding. */
    public record NewUpload(Long step, String kind, Long size, String sha256, Integer chunkSize, JsonNode metadata) {
    }

    public record Finish(String sha256) {
    }

    /** 201 with a new upload, or 200 with the unfinished upload of the same content (resume). */
    @POST
    public Response create(@PathParam("runId") long runId, NewUpload body) {
        runs.find(caller.teamId(), runId);
        CheckpointUploads.Started started = uploads.start(runId, body);
        return Response.status(started.created() ? 201 : 200).entity(queries.one(started.checkpoint())).build();
    }

    @GET
    public List<CheckpointSummary> list(@PathParam("runId") long runId) {
        runs.find(caller.teamId(), runId);
        return queries.ofRun(runId);
    }

    @GET
    @Path("/{checkpointId}")
    public CheckpointSummary get(@PathParam("runId") long runId, @PathParam("checkpointId") long checkpointId) {
        runs.find(caller.teamId(), runId);
        return queries.one(store.find(runId, checkpointId));
    }

    /**
     * The PNG preview of the checkpoint's newest evaluation that drew one. Private caching for a minute, then
     * revalidation by ETag (a new evaluation may bring a new preview).
     */
    @GET
    @Path("/{checkpointId}/preview.png")
    @Produces({PreviewStore.PNG, MediaType.APPLICATION_JSON})
    public Response preview(@PathParam("runId") long runId, @PathParam("checkpointId") long checkpointId,
                            @Context Request request) {
        runs.find(caller.teamId(), runId);
        Checkpoint c = store.find(runId, checkpointId);
        PreviewStore.Preview p = previews.latest(c.id).orElseThrow(() -> new ApiException(404, null,
                "checkpoint " + checkpointId + " of run " + runId + " has no preview" + switch (c.status) {
                    case EVALUATED -> c.statusDetail != null ? " (" + c.statusDetail + ")" : " (its evaluation drew none)";
                    case FAILED -> " (its evaluation failed: " + c.statusDetail + ")";
                    default -> " yet (it is " + c.status.label() + ")";
                }));
        EntityTag etag = new EntityTag(p.sha256());
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(60);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).tag(etag).build();
        }
        return Response.ok(p.data(), p.contentType()).tag(etag).cacheControl(cache)
                .lastModified(java.util.Date.from(p.createdAt())).build();
    }

    /** The raw bytes of chunk {@code index}; its SHA-256 in the X-Chunk-SHA256 header. Repeating a chunk is harmless. */
    @PUT
    @Path("/{checkpointId}/chunks/{index}")
    @Consumes(MediaType.WILDCARD)
    public CheckpointUploads.ChunkStored putChunk(@PathParam("runId") long runId,
                                                  @PathParam("checkpointId") long checkpointId,
                                                  @PathParam("index") int index,
                                                  @HeaderParam(CHUNK_SHA_HEADER) String sha256, byte[] body) {
        runs.find(caller.teamId(), runId);
        return uploads.acceptChunk(runId, checkpointId, index, body, sha256);
    }

    /** 202: every chunk is durable and the checkpoint is queued for evaluation; 409 names missing chunks. */
    @POST
    @Path("/{checkpointId}/finish")
    public Response finish(@PathParam("runId") long runId, @PathParam("checkpointId") long checkpointId,
                           Finish body) {
        runs.find(caller.teamId(), runId);
        Checkpoint c = uploads.finish(runId, checkpointId, body == null ? null : body.sha256());
        return Response.accepted(queries.one(c)).build();
    }
}
