package dev.ganboard.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What happened in one project of a study, as the server counts it (GET /api/v1/projects/{name}/progress): runs
 * finished / diverged / failed, checkpoints evaluated (of them diverged) / failed / still in the pipeline.
 */
public record ProjectOutcome(String project, long runs, long running, long finished, long diverged, long failed,
                             long checkpoints, long evaluated, long evaluationDiverged, long evaluationFailed,
                             long pending) {

    static ProjectOutcome of(String project, JsonNode progress) {
        return new ProjectOutcome(project, progress.path("runs").asLong(), progress.path("running").asLong(),
                progress.path("finished").asLong(), progress.path("diverged").asLong(),
                progress.path("failed").asLong(), progress.path("checkpoints").asLong(),
                progress.path("evaluated").asLong(), progress.path("evaluation_diverged").asLong(),
                progress.path("evaluation_failed").asLong(),
                progress.path("waiting").asLong() + progress.path("evaluating").asLong());
    }

    /** Every checkpoint has its evaluation (or failed). */
    public boolean settled() {
        return pending == 0;
    }

    /** The lines printed for the project: counts, then where to look. */
    public List<String> lines(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String page = base + "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20");
        String checkpointLine = String.format("  checkpoints: %d evaluated (%d of them diverged), %d failed%s", evaluated,
                evaluationDiverged, evaluationFailed, pending == 0 ? "" : ", " + pending + " still being evaluated");
        return List.of(project + ":",
                String.format("  runs: %d finished, %d diverged, %d failed%s", finished, diverged, failed,
                        running == 0 ? "" : ", " + running + " running"),
                checkpointLine,
                "  runs and progress: " + page,
                "  leaderboard:       " + page + "/leaderboard",
                "  failed evaluations, with the reason: on each run's page (" + base + "/runs/<id>); records the "
                        + "platform could not read: topic ganboard.dlq");
    }
}
