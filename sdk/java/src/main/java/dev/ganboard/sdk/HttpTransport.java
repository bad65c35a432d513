package dev.ganboard.sdk;

import java.io.IOException;

/** POST /api/v1/runs/{id}/metrics; the body already carries the batch's seq, so a retry is recognised as such. */
final class HttpTransport implements Transport {
    private final Api api;

    HttpTransport(Api api) {
        this.api = api;
    }

    @Override
    public Result send(long runId, long seq, byte[] body) {
        try {
            api.postMetrics(runId, body);
            return Result.DELIVERED;
        } catch (IOException e) {
            return new Result(Outcome.RETRY, "cannot reach " + api.url() + ": " + e);
        } catch (Api.Refused e) {
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
