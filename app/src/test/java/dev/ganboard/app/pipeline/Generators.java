package dev.ganboard.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker module's TorchScript fixtures (worker/src/test/resources/torchscript, made by its make_fixtures.py),
 * read from the source tree so that there is one copy of each.
 */
final class Generators {
    static final Path DIR = Path.of("..", "worker", "src", "test", "resources", "torchscript");

    private Generators() {
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name + ".pt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a fixture as kind torchscript with the given metadata; the checkpoint's id. */
    static long upload(String key, long runId, long step, String fixture, Map<String, Object> metadata) {
        byte[] blob = bytes(fixture);
        Map<String, Object> request = Uploads.request(step, "torchscript", blob, Uploads.SMALL_CHUNKS);
        request.put("metadata", new LinkedHashMap<>(metadata));
        return Uploads.upload(key, runId, request, blob);
    }
}
