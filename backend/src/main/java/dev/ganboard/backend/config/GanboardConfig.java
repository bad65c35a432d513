package dev.ganboard.backend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings under {@code ganboard.*}; environment variables GANBOARD_* map onto them. */
@ConfigMapping(prefix = "ganboard")
public interface GanboardConfig {
    /** State directory: database, broker logs, caches, the first-start credentials. */
    Path home();

    Admin admin();

    Ingest ingest();

    Kafka kafka();

    Security security();

    /** docs/security.md. */
    interface Security {
        /** Mark the session cookies Secure even on plain HTTP (a TLS-terminating proxy in front). */
        @WithDefault("false")
        boolean secureCookies();

        /** Open /q/* (metrics, OpenAPI, Swagger UI) to callers without an API key. */
        @WithDefault("false")
        boolean openManagement();

        Login login();

        interface Login {
            @WithDefault("5")
            int maxFailuresPerUser();

            @WithDefault("20")
            int maxFailuresPerAddress();

            @WithDefault("15m")
            java.time.Duration window();
        }
    }

    interface Admin {
        /** Password for the first-start admin; generated and written to home when absent. */
        Optional<String> password();
    }

    interface Ingest {
        @WithDefault("10000")
        int maxPointsPerBatch();
    }

    interface Kafka {
        /** Start an in-process KRaft broker (single-machine mode) instead of connecting to {@link #bootstrap()}. */
        @WithDefault("true")
        boolean embedded();

        Optional<String> bootstrap();

        /** Embedded broker's client port; 0 picks a free one. */
        @WithDefault("9092")
        int port();

        @WithDefault("4")
        int partitions();

        /** Producer compression: none on the embedded broker (loopback, same disk), lz4 for a cluster. */
        @WithDefault("lz4")
        String compression();

        /** How long a produced record may wait for the broker's acknowledgement before the caller gets 503. */
        @WithDefault("PT30S")
        java.time.Duration ackTimeout();
    }
}
