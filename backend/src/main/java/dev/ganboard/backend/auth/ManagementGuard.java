package dev.ganboard.backend.auth;

import dev.ganboard.backend.api.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import dev.ganboard.backend.config.GanboardConfig;

/**
 * {@code /q/*} (metrics, OpenAPI, Swagger UI, full health details) needs an API key, except the probes an
 * orchestrator calls without one: liveness, readiness, start-up and the overall health. Setting
 * {@code ganboard.security.open-management=true} (GANBOARD_OPEN_MANAGEMENT) opens them all, e.g. for a scraper
 * on a private network.
 */
@ApplicationScoped
public class ManagementGuard {
    static final Set<String> OPEN = Set.of("/q/health", "/q/health/", "/q/health/live", "/q/health/ready",
            "/q/health/started");

    @Inject
    GanboardConfig config;
    @Inject
    KeyCache keyCache;
    @Inject
    ApiKeys apiKeys;

    void install(@Observes Router router) {
        if (!config.security().openManagement()) {
            router.route("/q/*").order(Integer.MIN_VALUE + 200).handler(this::check);
        }
    }

    private void check(RoutingContext rc) {
        if (OPEN.contains(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (key == null) {
            refuse(rc);
        } else if (keyCache.knows(key)) {
            rc.next();
        } else {
            rc.request().pause();
            rc.vertx().executeBlocking(() -> apiKeys.valid(key, keyCache), false).onComplete(valid -> {
                rc.request().resume();
                if (valid.succeeded() && valid.result()) {
                    rc.next();
                } else {
                    refuse(rc);
                }
            });
        }
    }

    private static void refuse(RoutingContext rc) {
        rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"ganboard\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ApiError(401, "/q/* needs an API key (Authorization: Bearer <key>) "
                        + "unless ganboard.security.open-management is set", null)));
    }
}
