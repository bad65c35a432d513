package dev.ganboard.worker.generator;

import java.nio.file.Path;

/**
 * DJL settings applied just before the PyTorch engine first loads: never download (the native library comes from
 * the pytorch-native jar on the class path), and unpack it under $GANBOARD_HOME/cache/djl. Explicit -D settings
 * and DJL's own environment variables (DJL_CACHE_DIR, ENGINE_CACHE_DIR) win.
 */
final class TorchRuntime {
    private static boolean applied;

    private TorchRuntime() {
    }

    static synchronized void configure() {
        if (applied) {
            return;
        }
        applied = true;
        setIfAbsent("ai.djl.offline", "true");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            String home = System.getenv("GANBOARD_HOME");
            Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".ganboard");
            System.setProperty("DJL_CACHE_DIR", base.resolve("cache").resolve("djl").toString());
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
