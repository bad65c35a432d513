package dev.ganboard.demo.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * DJL settings for the command line, applied before the engine loads: no downloads, one intra-op thread per run
 * (the models are tiny; parallel runs use the cores), and the native library cached under $GANBOARD_HOME/cache.
 * Explicit -D settings and DJL's own environment variables win.
 */
final class NativeSetup {
    private NativeSetup() {
    }

    static void apply(Map<String, String> env) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (env.get("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            String home = env.getOrDefault("GANBOARD_HOME", Path.of(System.getProperty("user.home"), ".ganboard")
                    .toString());
            System.setProperty("DJL_CACHE_DIR", Path.of(home, "cache", "djl").toString());
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
