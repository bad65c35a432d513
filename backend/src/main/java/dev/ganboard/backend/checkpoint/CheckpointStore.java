package dev.ganboard.backend.checkpoint;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.run.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The database side of uploads, one short transaction per call (Kafka is never awaited inside one). */
@ApplicationScoped
public class CheckpointStore {

    /** An upload of the same content (run, step, kind, size, SHA-256) still in progress, if any. */
    @Transactional
    public Checkpoint findResumable(long runId, UploadPlan plan) {
        return Checkpoint.<Checkpoint>find("runId = ?1 and sha256 = ?2 and step = ?3 and kind = ?4 and sizeBytes = ?5 "
                        + "and status = ?6 order by id", runId, plan.sha256(), plan.step(), plan.kind(), plan.size(),
                CheckpointStatus.UPLOADING).firstResult();
    }

    @Transactional
    public Checkpoint create(long runId, UploadPlan plan) {
        Checkpoint c = new Checkpoint();
        c.runId = runId;
        c.step = plan.step();
        c.kind = plan.kind();
        c.sizeBytes = plan.size();
        c.sha256 = plan.sha256();
        c.chunkSize = plan.chunkSize();
        c.chunkCount = plan.layout().chunkCount();
        c.metadataJson = plan.metadataJson();
        c.status = CheckpointStatus.UPLOADING;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.persist();
        return c;
    }

    /** The run's checkpoint, or 404 (the run was already checked against the caller's team). */
    @Transactional
    public Checkpoint find(long runId, long checkpointId) {
        Checkpoint c = Checkpoint.find("id = ?1 and runId = ?2", checkpointId, runId).firstResult();
        if (c == null) {
            throw ApiException.notFound("checkpoint " + checkpointId + " of run " + runId);
        }
        return c;
    }

    @Transactional
    public List<Checkpoint> ofRun(long runId) {
        return Checkpoint.list("runId = ?1 order by step, id", runId);
    }

    @Transactional
    public StoredChunk chunk(long checkpointId, int index) {
        return StoredChunk.findById(new StoredChunk.Key(checkpointId, index));
    }

    /** Records a chunk Kafka acknowledged; false if a concurrent request recorded it first. */
    @Transactional
    public boolean recordChunk(long checkpointId, int index, int size, String sha256) {
        if (StoredChunk.findById(new StoredChunk.Key(checkpointId, index)) != null) {
            return false;
        }
        StoredChunk chunk = new StoredChunk();
        chunk.checkpointId = checkpointId;
        chunk.chunkIndex = index;
        chunk.sizeBytes = size;
        chunk.sha256 = sha256;
        chunk.receivedAt = Instant.now();
        chunk.persist();
        Checkpoint.update("updatedAt = ?1 where id = ?2", chunk.receivedAt, checkpointId);
        return true;
    }

    @Transactional
    public List<Integer> receivedChunks(long checkpointId) {
        return StoredChunk.getEntityManager()
                .createQuery("select c.chunkIndex from StoredChunk c where c.checkpointId = ?1 order by c.chunkIndex",
                        Integer.class)
                .setParameter(1, checkpointId).getResultList();
    }

    public List<Integer> missingChunks(Checkpoint c) {
        List<Integer> received = receivedChunks(c.id);
        List<Integer> missing = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < c.chunkCount; i++) {
            if (next < received.size() && received.get(next) == i) {
                next++;
            } else {
                missing.add(i);
            }
        }
        return missing;
    }

    /** The dataset of the run's project, which the worker compares samples with. */
    @Transactional
    public String datasetOfRun(long runId) {
        Run run = Run.findById(runId);
        return run == null ? null : run.project.dataset;
    }

    /** Uploading → queued; false if another request finished it first. */
    @Transactional
    public boolean markQueued(long checkpointId) {
        Instant now = Instant.now();
        return Checkpoint.update("status = ?1, finishedAt = ?2, updatedAt = ?2 where id = ?3 and status = ?4",
                CheckpointStatus.QUEUED, now, checkpointId, CheckpointStatus.UPLOADING) == 1;
    }
}
