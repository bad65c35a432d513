package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricColumns;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
    RunOwners owners;
    @Inject
    MetricSeries series;

    public record Accepted(long runId, long seq, int accepted) {
    }

    /**
     * Body {"seq": n, "points": [{"key", "step", "value", "time"}, ...]}, read as bytes and parsed in one streaming
     * pass (no object per point). Accepted means durable in Kafka; the points are queryable once the consumer has
     * stored them (milliseconds).
     */
    @POST
    @Path("/metrics")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response log(@PathParam("runId") long runId, byte[] body) {
        MetricBatchJson.Parsed parsed = ingest.parse(body == null ? new byte[0] : body);
        owners.projectOf(caller.teamId(), runId);
        MetricColumns accepted = ingest.accept(runId, parsed);
        return Response.accepted(new Accepted(runId, accepted.seq(), accepted.size())).build();
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
