package dev.ganboard.app.pipeline;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The platform without in-process workers: the test starts the workers it needs (processes or threads). */
public class WorkersOffProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ganboard.worker.enabled", "false");
    }
}
