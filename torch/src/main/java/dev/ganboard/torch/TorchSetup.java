package dev.ganboard.torch;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * How every GANBoard process sets up DJL's PyTorch engine, before it first loads: never download (the native
 * library comes from the pytorch-native jar on the class path), one intra-op and one inter-op thread (the models are
 * small and the callers' own threads use the cores), and the native library unpacked under {@code <cache>/djl}.
 * Explicit -D settings and DJL's own environment variables (DJL_CACHE_DIR, ENGINE_CACHE_DIR) win; the first call
 * in a process decides, because the engine reads these once.
 */
public final class TorchSetup {
    private static boolean configured;

    private TorchSetup() {
    }

    /** The settings, without loading the engine. */
    public static synchronized void configure(Path cacheDir) {
        if (!configured) {
            apply(System.getProperties(), System.getenv(), cacheDir);
            configured = true;
        }
    }

    /** The settings, then the engine (so that a missing native library fails here, with DJL's message). */
    public static void load(Path cacheDir) {
        configure(cacheDir);
        Engine.getEngine("PyTorch");
    }

    /** GANBOARD_CACHE_DIR, else $GANBOARD_HOME/cache, else ~/.ganboard/cache. */
    public static Path defaultCacheDir(Map<String, String> env) {
        String dir = env.get("GANBOARD_CACHE_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = env.get("GANBOARD_HOME");
        return (home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".ganboard")).resolve("cache");
    }

    /** The rule itself, on given properties and environment (tested without touching the JVM's own). */
    static void apply(Properties properties, Map<String, String> env, Path cacheDir) {
        properties.putIfAbsent("ai.djl.offline", "true");
        properties.putIfAbsent("ai.djl.pytorch.num_threads", "1");
        properties.putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (env.get("DJL_CACHE_DIR") == null && properties.getProperty("DJL_CACHE_DIR") == null) {
            properties.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
        }
    }
}
