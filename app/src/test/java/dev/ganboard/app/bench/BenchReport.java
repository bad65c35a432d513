package dev.ganboard.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps docs/benchmarks.md current: replaces (or appends) one "## title" section, leaving the others alone. */
final class BenchReport {
    private BenchReport() {
    }

    static void replaceSection(String title, String body) {
        Path file = repositoryRoot().resolve("docs").resolve("benchmarks.md");
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            String heading = "## " + title + "\n";
            String section = heading + "\n" + body.strip() + "\n\n";
            int start = text.indexOf(heading);
            if (start < 0) {
                text = text.stripTrailing() + "\n\n" + section;
            } else {
                int next = text.indexOf("\n## ", start + heading.length());
                text = text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1));
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("ganboard"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmark inside the repository");
        }
        return dir;
    }
}
