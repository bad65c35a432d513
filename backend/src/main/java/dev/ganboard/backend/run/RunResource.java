package dev.ganboard.backend.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

@Path("/api/v1/runs")
public class RunResource {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY_SYNTAX = Pattern.compile("[\\x21-\\x7E]{1,200}");

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

    /**
     * 201 with the new run; with an {@code Idempotency-Key} header that this project has seen before, 200 with the
     * run that the first request created (a client retrying after a lost answer gets no second run).
     */
    @POST
    public Response create(NewRun body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        if (body == null || body.project() == null) {
            throw ApiException.badRequest("project", "project: the project's id or name is required");
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY_SYNTAX.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + ": 1-200 printable ASCII characters");
        }
        var project = projects.find(caller.teamId(), body.project());
        if (idempotencyKey != null) {
            Optional<Run> earlier = runs.findByIdempotencyKey(project.id, idempotencyKey);
            if (earlier.isPresent()) {
                RunService.checkSameRun(earlier.get(), body.variant(), body.seed());
                return Response.ok(runs.summary(earlier.get())).build();
            }
        }
        Run run;
        try {
            run = runs.create(project, body.variant(), body.seed(), body.config(), body.codeVersion(), idempotencyKey);
        } catch (RuntimeException e) {
            // two requests with one key at the same moment: the unique index let one through; answer with its run
            Optional<Run> winner = idempotencyKey == null ? Optional.empty()
                    : runs.findByIdempotencyKey(project.id, idempotencyKey);
            if (winner.isEmpty()) {
                throw e;
            }
            RunService.checkSameRun(winner.get(), body.variant(), body.seed());
            return Response.ok(runs.summary(winner.get())).build();
        }
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
