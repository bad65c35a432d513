package dev.ganboard.backend.checkpoint;

import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

@Path("/api/v1/runs/{runId}/evaluations")
public class EvaluationResource {
    @Inject
    Caller caller;
    @Inject
    RunService runs;
    @Inject
    CheckpointQueries queries;

    /** Every evaluation of the run's checkpoints, by step. */
    @GET
    public List<EvaluationSummary> list(@PathParam("runId") long runId) {
        runs.find(caller.teamId(), runId);
        return queries.evaluationsOfRun(runId);
    }
}
