package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

@Path("/api/v1/runs/{runId}")
public class MetricResource {
    static final int MAX_BUCKETS = 10_000;
    static final int MAX_RAW_POINTS = 200_000;
    private static final MediaType COLUMNS = MediaType.valueOf(MetricIngest.COLUMNS);
    /** As quarkus.http.limits.max-body-size. */
    static final long MAX_BODY_BYTES = 16L << 20;

    @Inject
    Caller caller;
    @Inject
    RunService runs;
    @Inject
    MetricIngest ingest;
    @Inject
    RunOwners owners;
    @Inject
    MetricSeries series;

    public record Accepted(long runId, long seq, int accepted) {
        /** Written by hand: the JSON writer's pooled output stream cost more than the rest of the answer. */
        byte[] json() {
            return ("{\"run_id\":" + runId + ",\"seq\":" + seq + ",\"accepted\":" + accepted + "}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Body {"seq": n, "points": [{"key", "step", "value", "time"}, ...]} as JSON, or the same batch in the binary
     * column format ({@value MetricIngest#COLUMNS}, see docs/api.md). The body arrives whole, read on the I/O
     * thread by {@link MetricBodyRoute}; it is parsed in one pass (no object per point) and checked here, and the
     * answer waits for Kafka's acknowledgement without holding a worker thread. Accepted means durable in Kafka;
     * the points are queryable once the consumer has stored them (milliseconds).
     */
    @POST
    @Path("/metrics")
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, MetricIngest.COLUMNS})
    public CompletionStage<Response> log(@PathParam("runId") long runId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                         RoutingContext request) {
        Buffer buffered = request.body().buffer();
        byte[] body = buffered == null ? new byte[0] : buffered.getBytes();
        MetricIngest.Checked batch = type != null && COLUMNS.isCompatible(MediaType.valueOf(type))
                ? ingest.checkColumns(body) : ingest.checkJson(body);
        owners.projectOf(caller.teamId(), runId);
        return ingest.send(runId, batch).thenApply(accepted ->
                Response.accepted(new Accepted(runId, accepted.seq(), accepted.size()).json())
                        .type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/metrics")
    public MetricSeries.Series read(@PathParam("runId") long runId, @QueryParam("key") String key,
                                    @QueryParam("buckets") Integer buckets) {
        runs.find(caller.teamId(), runId);
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("key", "key: required, e.g. ?key=loss/D");
        }
        if (buckets != null && (buckets < 1 || buckets > MAX_BUCKETS)) {
            throw ApiException.badRequest("buckets", "buckets: between 1 and " + MAX_BUCKETS);
        }
        MetricSeries.Series result = series.read(runId, key, buckets);
        if (result.points() != null && result.count() > MAX_RAW_POINTS) {
            throw ApiException.badRequest("buckets", "the series has " + result.count() + " points, more than "
                    + MAX_RAW_POINTS + " returned raw; ask for buckets=N");
        }
        return result;
    }

    @GET
    @Path("/metric-keys")
    public List<String> keys(@PathParam("runId") long runId) {
        runs.find(caller.teamId(), runId);
        return series.keys(runId);
    }
}
