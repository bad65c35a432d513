package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads checkpoints and their evaluations for the API. */
@ApplicationScoped
public class CheckpointQueries {
    @Inject
    ObjectMapper json;
    @Inject
    CheckpointStore store;
    @Inject
    PreviewStore previews;

    @Transactional
    public List<CheckpointSummary> ofRun(long runId) {
        List<Checkpoint> checkpoints = store.ofRun(runId);
        Map<Long, List<EvaluationSummary>> evaluations = evaluationsOfRun(runId).stream()
                .collect(Collectors.groupingBy(EvaluationSummary::checkpointId));
        Set<Long> withPreview = previews.checkpointsWithPreview(runId);
        return checkpoints.stream()
                .map(c -> view(c, null, evaluations.getOrDefault(c.id, List.of()), withPreview.contains(c.id)))
                .toList();
    }

    /** One checkpoint with its upload progress (what is still missing) and its evaluations. */
    @Transactional
    public CheckpointSummary one(Checkpoint c) {
        List<Integer> missing = c.status == CheckpointStatus.UPLOADING ? store.missingChunks(c) : List.of();
        List<EvaluationSummary> evaluations = Evaluation.<Evaluation>list("checkpointId = ?1 order by id", c.id).stream()
                .map(e -> view(e, c.step)).toList();
        return view(c, missing, evaluations, previews.hasPreview(c.id));
    }

    @Transactional
    public List<EvaluationSummary> evaluationsOfRun(long runId) {
        List<Object[]> rows = Evaluation.getEntityManager().createQuery(
                        "select e, c.step from Evaluation e, Checkpoint c where c.id = e.checkpointId and c.runId = ?1 "
                                + "order by c.step, e.id", Object[].class)
                .setParameter(1, runId).getResultList();
        return rows.stream().map(r -> view((Evaluation) r[0], (Long) r[1])).toList();
    }

    private CheckpointSummary view(Checkpoint c, List<Integer> missing, List<EvaluationSummary> evaluations,
                                boolean preview) {
        Integer received = missing == null ? null : c.chunkCount - missing.size();
        return new CheckpointSummary(c.id, c.runId, c.step, c.kind, c.status.label(), c.statusDetail, c.sizeBytes,
                c.sha256, c.chunkSize, c.chunkCount, received, missing, parse(c.metadataJson), c.createdAt,
                c.finishedAt, evaluations, CheckpointProgress.of(c), preview ? CheckpointSummary.previewPath(c.runId, c.id) : null);
    }

    private EvaluationSummary view(Evaluation e, long step) {
        return new EvaluationSummary(e.id, e.evaluationKey, e.checkpointId, step, e.status, e.suiteVersion, e.extractor,
                e.sampleCount, parse(e.metricsJson), e.durationMs, e.worker, e.error, e.createdAt);
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON: " + e.getMessage(), e);
        }
    }
}
