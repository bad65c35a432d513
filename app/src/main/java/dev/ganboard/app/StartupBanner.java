package dev.ganboard.app;

import dev.ganboard.backend.config.GanboardConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

@ApplicationScoped
public class StartupBanner {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @Inject
    GanboardConfig config;
    @ConfigProperty(name = "quarkus.http.port")
    int port;

    /** Runs last, after the first-start credentials were printed. */
    void onStart(@Observes @Priority(5000) StartupEvent event) {
        LOG.infof("GANBoard is up: http://localhost:%d  (API: /api/v1, OpenAPI: /q/openapi, home: %s)", port,
                config.home());
    }
}
