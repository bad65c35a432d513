package dev.ganboard.backend.metric;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the body of {@code POST /api/v1/runs/{id}/metrics} in one piece on the I/O thread, before the REST layer
 * sees the request. Without it the blocking endpoint gets the body through a blocking stream that hands it from the
 * event loop to the worker thread in 8 KB pieces (a sixth of the server's CPU at high ingest rates); with it, the
 * REST layer reads the buffered body ({@link MetricResource} takes it from the routing context).
 *
 * <p>The 16 MiB limit ({@code quarkus.http.limits.max-body-size}) is enforced before this runs (413 from the
 * announced length, without reading). Requests without an Authorization header are not buffered: they get their
 * 401 from the REST layer unread.
 */
@ApplicationScoped
public class MetricBodyRoute {
    static final String PATH = "/api/v1/runs/:runId/metrics";
    /** Before the REST layer's route (Quarkus' default order, 10,000), after the HTTP limits. */
    static final int ORDER = 1000;

    private final BodyHandler body = BodyHandler.create(false).setBodyLimit(MetricResource.MAX_BODY_BYTES)
            .setHandleFileUploads(false).setMergeFormAttributes(false);

    void install(@Observes Router router) {
        router.post(PATH).order(ORDER).handler(rc -> {
            if (rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                rc.next();
            } else {
                body.handle(rc);
            }
        });
    }
}
