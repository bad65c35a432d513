package dev.ganboard.backend.metric;

import dev.ganboard.backend.auth.ApiKeys;
import dev.ganboard.backend.auth.KeyCache;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads the body of {@code POST /api/v1/runs/{id}/metrics} in one piece on the I/O thread, before the REST layer
 * sees the request. Without it the blocking endpoint gets the body through a blocking stream that hands it from the
 * event loop to the worker thread in 8 KB pieces (a sixth of the server's CPU at high ingest rates); with it, the
 * REST layer reads the buffered body ({@link MetricResource} takes it from the routing context).
 *
 * <p>The 16 MiB limit ({@code quarkus.http.limits.max-body-size}) is enforced before this runs (413 from the
 * announced length, without reading). Only requests with a valid key are buffered, so an unknown caller cannot make
 * the server hold 16 MiB: a key seen recently is checked in the key cache on the I/O thread; any other is resolved
 * on a worker thread (the request paused meanwhile). Requests without a valid key go on unread to the REST layer,
 * which answers 401.
 */
@ApplicationScoped
public class MetricBodyRoute {
    static final String PATH = "/api/v1/runs/:runId/metrics";
    /** Before the REST layer's route (Quarkus' default order, 10,000), after the HTTP limits. */
    static final int ORDER = 1000;

    private final BodyHandler body = BodyHandler.create(false).setBodyLimit(MetricResource.MAX_BODY_BYTES)
            .setHandleFileUploads(false).setMergeFormAttributes(false);

    @Inject
    KeyCache keyCache;
    @Inject
    ApiKeys apiKeys;

    void install(@Observes Router router) {
        router.post(PATH).order(ORDER).handler(rc -> {
            String key = bearerKey(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
            if (key == null || !ingestType(rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                rc.next();
            } else if (keyCache.knows(key)) {
                body.handle(rc);
            } else {
                rc.request().pause();
                rc.vertx().executeBlocking(() -> apiKeys.valid(key, keyCache), false).onComplete(valid -> {
                    if (valid.succeeded() && valid.result()) {
                        body.handle(rc);
                    } else {
                        rc.next();
                    }
                });
            }
        });
    }

    /**
     * Only the two body types the endpoint reads are buffered here; any other (a form, say) goes on unread and the
     * REST layer answers 415 (a form body read here would leave the REST layer's form reader nothing to read).
     */
    static boolean ingestType(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.equals(MetricIngest.COLUMNS);
    }

    private static String bearerKey(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }
}
