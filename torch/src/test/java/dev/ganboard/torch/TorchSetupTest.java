package dev.ganboard.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TorchSetupTest {
    @Test
    void offlineOneThreadEachAndTheNativeLibraryUnderTheCache() {
        Properties p = new Properties();
        TorchSetup.apply(p, Map.of(), Path.of("/srv/cache"));
        assertEquals("true", p.getProperty("ai.djl.offline"));
        assertEquals("1", p.getProperty("ai.djl.pytorch.num_threads"));
        assertEquals("1", p.getProperty("ai.djl.pytorch.num_interop_threads"));
        assertEquals(Path.of("/srv/cache/djl").toString(), p.getProperty("DJL_CACHE_DIR"));
    }

    @Test
    void explicitSettingsAndDjlsEnvironmentWin() {
        Properties p = new Properties();
        p.setProperty("ai.djl.pytorch.num_threads", "8");
        p.setProperty("DJL_CACHE_DIR", "/mine");
        TorchSetup.apply(p, Map.of(), Path.of("/srv/cache"));
        assertEquals("8", p.getProperty("ai.djl.pytorch.num_threads"));
        assertEquals("/mine", p.getProperty("DJL_CACHE_DIR"));
        Properties q = new Properties();
        TorchSetup.apply(q, Map.of("DJL_CACHE_DIR", "/env"), Path.of("/srv/cache"));
        assertEquals(null, q.getProperty("DJL_CACHE_DIR"), "DJL reads its own variable");
    }

    @Test
    void theCacheIsGanboardCacheDirElseUnderGanboardHome() {
        assertEquals(Path.of("/c"), TorchSetup.defaultCacheDir(Map.of("GANBOARD_CACHE_DIR", "/c", "GANBOARD_HOME", "/h")));
        assertEquals(Path.of("/h/cache"), TorchSetup.defaultCacheDir(Map.of("GANBOARD_HOME", "/h")));
        assertEquals(Path.of(System.getProperty("user.home"), ".ganboard", "cache"), TorchSetup.defaultCacheDir(Map.of()));
    }
}
