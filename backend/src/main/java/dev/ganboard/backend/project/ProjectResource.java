package dev.ganboard.backend.project;

import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.run.RunService;
import dev.ganboard.backend.run.RunSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/projects")
public class ProjectResource {
    @Inject
    Caller caller;
    @Inject
    ProjectService projects;
    @Inject
    RunService runs;
    @Inject
    ProjectProgressQuery progress;

    public record NewProject(String name, String dataset, String description) {
    }

    public record ProjectSummary(long id, String name, String dataset, String description, Instant createdAt) {
        static ProjectSummary of(Project p) {
            return new ProjectSummary(p.id, p.name, p.dataset, p.description, p.createdAt);
        }
    }

    @POST
    public Response create(NewProject body) {
        if (body == null) {
            throw dev.ganboard.backend.api.ApiException.badRequest(null, "request body: a JSON object is required");
        }
        Project project = projects.create(caller.teamId(), body.name(), body.dataset(), body.description());
        return Response.status(201).entity(ProjectSummary.of(project)).build();
    }

    @GET
    public List<ProjectSummary> list() {
        return projects.list(caller.teamId()).stream().map(ProjectSummary::of).toList();
    }

    @GET
    @Path("/{ref}")
    public ProjectSummary get(@PathParam("ref") String ref) {
        return ProjectSummary.of(projects.find(caller.teamId(), ref));
    }

    /** The project's runs with the latest value of every metric key. */
    @GET
    @Path("/{ref}/runs")
    public List<RunSummary> runs(@PathParam("ref") String ref) {
        return runs.summaries(projects.find(caller.teamId(), ref).id);
    }

    /** Runs by status and checkpoints by evaluation stage: how far the project's study has got. */
    @GET
    @Path("/{ref}/progress")
    public ProjectProgress progress(@PathParam("ref") String ref) {
        return progress.of(projects.find(caller.teamId(), ref).id);
    }
}
