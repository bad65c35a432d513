package dev.ganboard.worker.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size and modification time of a file, so caches keyed by it go stale when it changes. */
final class FileStamp {
    private FileStamp() {
    }

    static String of(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "absent";
        }
    }
}
