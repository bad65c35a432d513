package dev.ganboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docs/benchmarks.md: each benchmark owns one "## " section and rewrites it, leaving the others as they are. */
final class BenchDocs {
    private BenchDocs() {
    }

    /** Replaces the section that starts with {@code heading} (up to the next "## "), or appends it. */
    static void writeSection(Path docs, String heading, String section) throws IOException {
        String text = Files.isRegularFile(docs) ? Files.readString(docs) : "# Benchmarks\n";
        int start = text.indexOf("\n" + heading + "\n");
        String updated;
        if (start < 0) {
            updated = text.stripTrailing() + "\n\n" + section;
        } else {
            int end = text.indexOf("\n## ", start + 1);
            updated = text.substring(0, start + 1) + section + (end < 0 ? "" : text.substring(end));
        }
        if (docs.getParent() != null) {
            Files.createDirectories(docs.getParent());
        }
        Files.writeString(docs, updated);
    }
}
