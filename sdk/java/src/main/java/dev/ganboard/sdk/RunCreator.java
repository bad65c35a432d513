package dev.ganboard.sdk;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Creates the run on the server from the parameters recorded at init (run.json), once: the id goes to server.json
 * before anything else is sent. Used at init, by the sender when the server was unreachable at init, and by sync.
 * Each attempt carries the run's idempotency key from run.json, so a creation whose answer was lost (connection
 * dropped after the server committed) and is retried gets the same run back instead of a second one.
 */
final class RunCreator {
    private final Api api;
    private final RunDir dir;
    private final Map<String, Object> info;
    private volatile long runId = -1;

    RunCreator(Api api, RunDir dir, Map<String, Object> info) throws IOException {
        this.api = api;
        this.dir = dir;
        this.info = info;
        OptionalLong known = dir.serverRunId();
        if (known.isPresent()) {
            runId = known.getAsLong();
        }
    }

    OptionalLong runId() {
        long id = runId;
        return id >= 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    synchronized long ensure() throws IOException, Api.Refused {
        if (runId >= 0) {
            return runId;
        }
        Object project = info.get("project");
        if (project == null) {
            throw new GanBoardException("no project: pass one to init or set GANBOARD_PROJECT");
        }
        Object dataset = info.get("dataset");
        long projectId = api.ensureProject(project.toString(), dataset == null ? null : dataset.toString());
        long id = api.createRun(projectId, info);
        dir.recordServerRun(id, api.url());
        runId = id;
        return id;
    }
}
