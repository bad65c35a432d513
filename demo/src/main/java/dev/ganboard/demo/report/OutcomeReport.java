package dev.ganboard.demo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a demo: waits (up to a limit, saying so) until the study's checkpoints have their evaluations, then
 * prints per project what happened and where to look. Reads the server's own counts, so "diverged" means what the
 * leaderboard means by it.
 */
public final class OutcomeReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public OutcomeReport(String url, String apiKey) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKey = apiKey;
    }

    /** The projects' outcomes once settled, or as they are when {@code wait} is over. */
    public List<ProjectOutcome> await(List<String> projects, Duration wait, Duration poll, PrintStream out) {
        long deadline = System.nanoTime() + wait.toNanos();
        long nextNote = System.nanoTime();
        while (true) {
            List<ProjectOutcome> outcomes = new ArrayList<>();
            for (String p : projects) {
                outcomes.add(fetch(p));
            }
            long pending = outcomes.stream().mapToLong(ProjectOutcome::pending).sum();
            if (outcomes.stream().allMatch(ProjectOutcome::settled) || System.nanoTime() >= deadline) {
                return outcomes;
            }
            if (System.nanoTime() >= nextNote) {
                out.printf("waiting for the evaluation of %d checkpoint(s) (at most %d s more)%n", pending,
                        Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L));
                nextNote = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcomes;
            }
        }
    }

    public void print(List<ProjectOutcome> outcomes, PrintStream out) {
        out.println("What happened:");
        for (ProjectOutcome o : outcomes) {
            o.lines(url).forEach(out::println);
        }
    }

    ProjectOutcome fetch(String project) {
        String path = url + "/api/v1/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20")
                + "/progress";
        HttpRequest request = HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return ProjectOutcome.of(project, JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outcome of project " + project + " from " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the outcome of project " + project, e);
        }
    }
}
