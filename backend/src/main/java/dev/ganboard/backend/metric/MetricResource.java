package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import dev.ganboard.protocol.MetricPoint;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/v1/runs/{runId}")
public class MetricResource {
    static final int MAX_BUCKETS = 10_000;
    static final int MAX_RAW_POINTS = 200_000;

    @Inject
    Caller caller;
    @Inject
    RunService runs;
    @Inject
    MetricIngest ingest;
    @Inject
    MetricSeries series;

    public record Batch(Long seq, List<MetricPoint> points) {
    }

    public record Accepted(long runId, long seq, int accepted) {
    }

    /** Accepted means durable in Kafka; the point is queryable once the consumer has stored it (milliseconds). */
    @POST
    @Path("/metrics")
    public Response log(@PathParam("runId") long runId, Batch batch) {
        if (batch == null) {
            throw ApiException.badRequest(null, "request body: a JSON object {\"seq\": n, \"points\": [...]} is required");
        }
        runs.find(caller.teamId(), runId);
        int accepted = ingest.accept(runId, batch.seq(), batch.points());
        return Response.accepted(new Accepted(runId, batch.seq(), accepted)).build();
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
