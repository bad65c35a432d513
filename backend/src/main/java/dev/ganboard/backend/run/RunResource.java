package dev.ganboard.backend.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

@Path("/api/v1/runs")
public class RunResource {
    @Inject
    Caller caller;
    @Inject
    ProjectService projects;
    @Inject
    RunService runs;

    /** {@code project} is the project's id or name. */
    public record NewRun(String project, String variant, Long seed, JsonNode config, String codeVersion) {
    }

    public record Finish(String status) {
    }

    @POST
    public Response create(NewRun body) {
        if (body == null || body.project() == null) {
            throw ApiException.badRequest("project", "project: the project's id or name is required");
        }
        var project = projects.find(caller.teamId(), body.project());
        Run run = runs.create(project, body.variant(), body.seed(), body.config(), body.codeVersion());
        return Response.status(201).entity(runs.summary(run)).build();
    }

    @GET
    @Path("/{id}")
    public RunSummary get(@PathParam("id") long id) {
        return runs.summary(runs.find(caller.teamId(), id));
    }

    /** Marks the run finished (default), failed or crashed. */
    @POST
    @Path("/{id}/finish")
    public RunSummary finish(@PathParam("id") long id, Finish body) {
        String status = body == null || body.status() == null ? "finished" : body.status();
        RunStatus parsed;
        try {
            parsed = RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "status: one of finished, failed, crashed (got '" + status + "')");
        }
        return runs.summary(runs.finish(caller.teamId(), id, parsed));
    }
}
