package dev.ganboard.backend.checkpoint;

import dev.ganboard.protocol.checkpoint.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** Sample previews of evaluations: stored once per evaluation, read as the newest of a checkpoint. */
@ApplicationScoped
public class PreviewStore {
    private static final Logger LOG = Logger.getLogger(PreviewStore.class);
    public static final String PNG = "image/png";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A stored preview; {@code sha256} doubles as its ETag. */
    public record Preview(long evaluationId, long checkpointId, String contentType, String sha256, byte[] data,
                          Instant createdAt) {
    }

    /**
     * Keeps {@code png} as the preview of the evaluation, in the caller's transaction. A second call for the same
     * evaluation keeps the first; bytes that are not a PNG are logged and dropped (the evaluation itself is kept).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean save(long evaluationId, long checkpointId, byte[] png, Instant at) {
        if (png.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            LOG.warnf("evaluation %d of checkpoint %d: its preview (%d bytes) is not a PNG; not stored", evaluationId,
                    checkpointId, png.length);
            return false;
        }
        if (EvaluationPreview.count("evaluationId", evaluationId) > 0) {
            return false;
        }
        EvaluationPreview p = new EvaluationPreview();
        p.evaluationId = evaluationId;
        p.checkpointId = checkpointId;
        p.contentType = PNG;
        p.sizeBytes = png.length;
        p.sha256 = Sha256.of(png);
        p.data = png;
        p.createdAt = at;
        p.persist();
        return true;
    }

    /** The preview of the checkpoint's newest evaluation that has one. */
    @Transactional
    public Optional<Preview> latest(long checkpointId) {
        return EvaluationPreview.<EvaluationPreview>find("checkpointId = ?1 order by evaluationId desc", checkpointId)
                .firstResultOptional().map(PreviewStore::view);
    }

    /** The run's checkpoint at {@code step} with the newest preview, if any has one. */
    @Transactional
    public Optional<Long> checkpointWithPreviewAt(long runId, long step) {
        return EvaluationPreview.getEntityManager().createQuery(
                        "select p.checkpointId from EvaluationPreview p, Checkpoint c where c.id = p.checkpointId "
                                + "and c.runId = ?1 and c.step = ?2 order by p.evaluationId desc", Long.class)
                .setParameter(1, runId).setParameter(2, step).setMaxResults(1).getResultList().stream().findFirst();
    }

    /** Ids of the run's checkpoints that have a preview. */
    @Transactional
    public Set<Long> checkpointsWithPreview(long runId) {
        return new HashSet<>(EvaluationPreview.getEntityManager().createQuery(
                        "select distinct p.checkpointId from EvaluationPreview p, Checkpoint c "
                                + "where c.id = p.checkpointId and c.runId = ?1", Long.class)
                .setParameter(1, runId).getResultList());
    }

    @Transactional
    public boolean hasPreview(long checkpointId) {
        return EvaluationPreview.count("checkpointId", checkpointId) > 0;
    }

    private static Preview view(EvaluationPreview p) {
        return new Preview(p.evaluationId, p.checkpointId, p.contentType, p.sha256, p.data, p.createdAt);
    }
}
