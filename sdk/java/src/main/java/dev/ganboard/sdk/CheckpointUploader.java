package dev.ganboard.sdk;

import java.io.IOException;

/**
 * Uploads pending checkpoints. A server without the checkpoint route (404/405) keeps them pending, with a warning;
 * one that refuses a checkpoint for its content (400/413) marks it "rejected"; anything else is retried later.
 */
final class CheckpointUploader {
    private CheckpointUploader() {
    }

    /** How many checkpoints are still pending, and whether that is because the server has no checkpoint route. */
    record Result(int left, boolean routeMissing) {
    }

    static Result uploadPending(Api api, long runId, Checkpoints checkpoints, String label) throws IOException {
        int left = 0;
        for (Checkpoints.Entry entry : checkpoints.pending()) {
            try {
                long id = api.uploadCheckpoint(runId, entry, checkpoints.file(entry));
                checkpoints.mark(entry, "uploaded", id, null);
            } catch (Api.Refused e) {
                if (e.status == 404 || e.status == 405) {
                    Log.warn("%s: the server at %s does not accept checkpoints (HTTP %d); the checkpoint of step %d "
                            + "stays pending in %s and sync uploads it once the server supports it",
                            label, api.url(), e.status, entry.step(), checkpoints.file(entry));
                    return new Result(checkpoints.pending().size(), true);
                }
                if (e.isPermanent()) {
                    checkpoints.mark(entry, "rejected", null, "HTTP " + e.status + ": " + e.getMessage());
                    Log.warn("%s: the checkpoint of step %d was refused for good (HTTP %d: %s); kept in %s",
                            label, entry.step(), e.status, e.getMessage(), checkpoints.file(entry));
                } else {
                    left++;
                    Log.warn("%s: checkpoint of step %d not uploaded now (HTTP %d: %s); it stays pending",
                            label, entry.step(), e.status, e.getMessage());
                }
            } catch (IOException e) {
                left++;
                Log.warn("%s: cannot upload the checkpoint of step %d now (%s); it stays pending", label, entry.step(), e);
            }
        }
        return new Result(left, false);
    }
}
