package dev.ganboard.app.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh $GANBOARD_HOME per test application: its own H2 file, Kafka log directory and admin credentials. */
public class TempHome implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private Path home;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("ganboard-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "ganboard.home", home.toString(),
                "ganboard.admin.password", ADMIN_PASSWORD,
                "ganboard.kafka.port", "0");
    }

    @Override
    public void stop() {
        if (home == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
