package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/projects/{ref}")
public class LeaderboardResource {
    @Inject
    Caller caller;
    @Inject
    ProjectService projects;
    @Inject
    LeaderboardService leaderboards;

    /** Variants compared across seeds; {@code policy} = final | best | best-before-collapse. */
    @GET
    @Path("/leaderboard")
    public Leaderboard get(@PathParam("ref") String ref, @QueryParam("metric") String metric,
                           @QueryParam("extractor") String extractor, @QueryParam("policy") String policy) {
        return leaderboards.board(projects.find(caller.teamId(), ref).id, metric, extractor, policy);
    }

    @GET
    @Path("/leaderboard.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("ref") String ref, @QueryParam("metric") String metric,
                        @QueryParam("extractor") String extractor, @QueryParam("policy") String policy) {
        Leaderboard board = get(ref, metric, extractor, policy);
        return Response.ok(LeaderboardCsv.of(board))
                .header("Content-Disposition", "attachment; filename=\"leaderboard-" + board.metric() + ".csv\"").build();
    }
}
