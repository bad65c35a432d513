package dev.ganboard.backend.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.metric.LatestValue;
import dev.ganboard.backend.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@ApplicationScoped
public class RunService {
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+:-]{0,99}");
    private static final int MAX_CONFIG_CHARS = 65_536;

    @Inject
    ObjectMapper json;
    @Inject
    RunUpdates updates;

    @Transactional
    public Run create(Project project, String variant, Long seed, JsonNode config, String codeVersion) {
        return create(project, variant, seed, config, codeVersion, null);
    }

    /** A run created earlier in the project with this Idempotency-Key, if any. */
    @Transactional
    public Optional<Run> findByIdempotencyKey(long projectId, String idempotencyKey) {
        return Run.<Run>find("project.id = ?1 and idempotencyKey = ?2", projectId, idempotencyKey).firstResultOptional();
    }

    /**
     * A retried request (same key, same project) gets the run of the first: same variant and seed required,
     * since a key reused for a different run is a client bug that must not pass silently.
     */
    public static void checkSameRun(Run existing, String variant, Long seed) {
        if (!existing.variant.equals(variant) || !Objects.equals(existing.seed, seed)) {
            throw ApiException.conflict("Idempotency-Key", "Idempotency-Key: already used for run " + existing.id
                    + " (variant '" + existing.variant + "', seed " + existing.seed + ") in this project; "
                    + "use a new key for a different run");
        }
    }

    @Transactional
    public Run create(Project project, String variant, Long seed, JsonNode config, String codeVersion,
                      String idempotencyKey) {
        if (variant == null || !VARIANT.matcher(variant).matches()) {
            throw ApiException.badRequest("variant", "variant: 1-100 characters of letters, digits, space, '_.+:-'");
        }
        String configJson = config == null || config.isNull() ? null : config.toString();
        if (configJson != null && !config.isObject()) {
            throw ApiException.badRequest("config", "config: must be a JSON object");
        }
        if (configJson != null && configJson.length() > MAX_CONFIG_CHARS) {
            throw ApiException.badRequest("config", "config: at most " + MAX_CONFIG_CHARS + " characters of JSON");
        }
        if (codeVersion != null && codeVersion.length() > 200) {
            throw ApiException.badRequest("code_version", "code_version: at most 200 characters");
        }
        if (idempotencyKey != null) {
            Optional<Run> earlier = findByIdempotencyKey(project.id, idempotencyKey);
            if (earlier.isPresent()) {
                checkSameRun(earlier.get(), variant, seed);
                return earlier.get();
            }
        }
        Run run = new Run();
        run.idempotencyKey = idempotencyKey;
        run.project = Project.findById(project.id);
        run.variant = variant;
        run.seed = seed;
        run.configJson = configJson;
        run.codeVersion = codeVersion;
        run.status = RunStatus.RUNNING;
        run.createdAt = Instant.now();
        run.persist();
        updates.publish(project.id, run.id);
        return run;
    }

    /** The run if it belongs to the team; otherwise "not found" so ids of other teams leak nothing. */
    @Transactional
    public Run find(long teamId, long runId) {
        Run run = Run.find("id = ?1 and project.team.id = ?2", runId, teamId).firstResult();
        if (run == null) {
            throw ApiException.notFound("run " + runId);
        }
        return run;
    }

    @Transactional
    public Run finish(long teamId, long runId, RunStatus status) {
        if (status == null || !status.isTerminal()) {
            throw ApiException.badRequest("status", "status: one of finished, failed, crashed");
        }
        Run run = find(teamId, runId);
        run.status = status;
        run.finishedAt = Instant.now();
        updates.publish(run.project.id, run.id);
        return run;
    }

    @Transactional
    public List<RunSummary> summaries(long projectId) {
        List<Run> runs = Run.list("project.id = ?1 order by variant, seed, id", projectId);
        Map<Long, Map<String, RunSummary.Latest>> latest = LatestValue.<LatestValue>list(
                        "runId in (select r.id from Run r where r.project.id = ?1)", projectId).stream()
                .collect(Collectors.groupingBy(v -> v.runId, Collectors.toMap(v -> v.metricKey,
                        v -> new RunSummary.Latest(v.step, v.val), (a, b) -> a, TreeMap::new)));
        return runs.stream().map(run -> summary(run, latest.getOrDefault(run.id, Map.of()))).toList();
    }

    @Transactional
    public RunSummary summary(Run run) {
        Map<String, RunSummary.Latest> latest = new TreeMap<>();
        for (LatestValue v : LatestValue.<LatestValue>list("runId", run.id)) {
            latest.put(v.metricKey, new RunSummary.Latest(v.step, v.val));
        }
        return summary(run, latest);
    }

    private RunSummary summary(Run run, Map<String, RunSummary.Latest> latest) {
        return new RunSummary(run.id, run.project.id, run.variant, run.seed, run.status.name().toLowerCase(),
                parse(run.configJson), run.codeVersion, run.createdAt, run.finishedAt, RunSummary.Divergence.of(run),
                new LinkedHashMap<>(latest));
    }

    private JsonNode parse(String configJson) {
        if (configJson == null) {
            return null;
        }
        try {
            return json.readTree(configJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config of a run is not JSON", e);
        }
    }
}
