package dev.ganboard.sdk;

import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.io.IOException;

/**
 * POST /api/v1/runs/{id}/metrics; the body already carries the batch's seq, so a retry is recognised as such.
 * A server older than the binary body answers 415 to it: from then on batches go as JSON.
 */
final class HttpTransport implements Transport {
    private final Api api;
    private volatile boolean jsonOnly;

    HttpTransport(Api api) {
        this.api = api;
    }

    @Override
    public Result send(long runId, long seq, byte[] body) {
        try {
            if (jsonOnly && MetricColumnsCodec.isBinary(body)) {
                body = BatchEncoder.json(body);
            }
            api.postMetrics(runId, body);
            return Result.DELIVERED;
        } catch (IOException e) {
            return new Result(Outcome.RETRY, "cannot reach " + api.url() + ": " + e);
        } catch (Api.Refused e) {
            if (e.status == 415 && MetricColumnsCodec.isBinary(body)) { // sent before another send learnt of it
                if (!jsonOnly) {
                    jsonOnly = true;
                    Log.info("%s does not take binary metric batches (HTTP 415); sending JSON", api.url());
                }
                return send(runId, seq, body);
            }
            if (e.isPermanent()) {
                return new Result(Outcome.REJECTED, "HTTP " + e.status + ": " + e.getMessage());
            }
            if (e.isAuth() || e.status == 404) {
                return new Result(Outcome.STOP, "HTTP " + e.status + ": " + e.getMessage());
            }
            return new Result(Outcome.RETRY, "HTTP " + e.status + ": " + e.getMessage());
        }
    }
}
