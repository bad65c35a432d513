package dev.ganboard.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path tmp;

    @Test
    void environmentVariablesConfigureEverything() {
        Config c = Config.fromEnv(Map.of("GANBOARD_URL", "http://gb:8080/", "GANBOARD_API_KEY", "k",
                "GANBOARD_PROJECT", "ring8", "GANBOARD_MODE", "offline", "GANBOARD_DIR", tmp.toString(),
                "GANBOARD_FSYNC", "off", "GANBOARD_FLUSH_MS", "50", "GANBOARD_FINISH_TIMEOUT_S", "2.5")).build();
        assertEquals("http://gb:8080", c.url());
        assertEquals("k", c.apiKey());
        assertEquals("ring8", c.project());
        assertEquals(Config.Mode.OFFLINE, c.mode());
        assertEquals(tmp, c.dir());
        assertEquals(Config.Fsync.OFF, c.fsync());
        assertEquals(Duration.ofMillis(50), c.flushInterval());
        assertEquals(Duration.ofMillis(2500), c.finishTimeout());
        assertEquals(Config.Transport.HTTP, c.transport());
    }

    @Test
    void codeOverridesTheEnvironment() {
        Config c = Config.fromEnv(Map.of("GANBOARD_URL", "http://a:1", "GANBOARD_API_KEY", "k")).url("http://b:2").build();
        assertEquals("http://b:2", c.url());
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnv(Map.of("GANBOARD_MODE", "sometimes")));
        assertTrue(e.getMessage().contains("GANBOARD_MODE"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Config.builder().transport(Config.Transport.KAFKA).build(), "kafka needs a bootstrap");
    }

    @Test
    void theLocalAdminKeyIsUsedOnlyForALocalServer() throws IOException {
        Files.writeString(tmp.resolve("admin-api-key"), "local-key\n");
        assertEquals("local-key", Config.fromEnv(Map.of("GANBOARD_HOME", tmp.toString(),
                "GANBOARD_URL", "http://127.0.0.1:8080")).build().apiKey());
        assertNull(Config.fromEnv(Map.of("GANBOARD_HOME", tmp.toString(),
                "GANBOARD_URL", "https://ganboard.example.org")).build().apiKey());
        assertEquals("explicit", Config.fromEnv(Map.of("GANBOARD_HOME", tmp.toString(),
                "GANBOARD_API_KEY", "explicit")).build().apiKey());
    }
}
