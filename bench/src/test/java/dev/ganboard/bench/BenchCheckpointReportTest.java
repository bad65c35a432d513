package dev.ganboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.bench.BenchCheckpointCommand.ChunkSetting;
import dev.ganboard.bench.BenchCheckpointCommand.Upload;
import dev.ganboard.metrics.io.NpyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCheckpointReportTest {
    @TempDir
    Path dir;

    private static BenchCheckpointCommand.Report report() {
        List<Upload> uploads = List.of(
                new Upload("baseline", ChunkSetting.DEFAULT, 524_288, 96, 4.0, 2.0, 1.0, 10.0, 66_000_000, "evaluated"),
                new Upload("baseline", ChunkSetting.DEFAULT, 524_288, 96, 6.0, 4.0, 1.0, 12.0, 66_000_000, "evaluated"),
                new Upload("current", ChunkSetting.DEFAULT, 524_288, 96, 2.0, 1.0, 1.0, 5.0, 50_006_000, "evaluated"),
                new Upload("current", ChunkSetting.DEFAULT, 524_288, 96, 3.0, 2.0, 1.0, 6.0, 50_006_000, "evaluated"));
        return new BenchCheckpointCommand.Report(50_000_128, 10_000, "none", 2, uploads, "1.00 / 1.00 / 1.00",
                "2.00 / 1.50 / 1.20", true);
    }

    @Test
    void theSectionGivesMediansAndCurrentOverBaseline() {
        String s = report().section();
        assertTrue(s.startsWith(BenchCheckpointCommand.SECTION + "\n"), s);
        assertTrue(s.contains("| baseline | server default: 96 × 524,288 B | 5.00 | 3.00 | 1.00 | 8.00 | 11.00 "
                + "| 66,000,000 | 1.320 |"), s);
        assertTrue(s.contains("| current | server default: 96 × 524,288 B | 2.50 | 1.50 | 1.00 | 4.00 | 5.50 "
                + "| 50,006,000 | 1.000 |"), s);
        assertTrue(s.contains("| server default | 0.50 | 0.50 | 0.50 | 0.50 | 0.758 |"), s);
        assertTrue(s.contains("load average 1.00 / 1.00 / 1.00 at the start"), s);
        assertTrue(s.contains("./ganboard bench checkpoint --baseline-jar"), s);
    }

    @Test
    void theSectionReplacesItsOwnAndKeepsTheOthers() throws Exception {
        Path docs = dir.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\n## FID\n\nfid text\n\n" + BenchCheckpointCommand.SECTION
                + "\n\nold figures\n\n## Later\n\nlater text\n");
        BenchDocs.writeSection(docs, BenchCheckpointCommand.SECTION, report().section());
        String text = Files.readString(docs);
        assertTrue(text.contains("fid text") && text.contains("later text"), text);
        assertTrue(!text.contains("old figures"), text);
        assertEquals(1, text.split(BenchCheckpointCommand.SECTION, -1).length - 1, text);
    }

    @Test
    void theSamplesFileIsRing8PointsOfTheAskedSize() throws Exception {
        Path file = dir.resolve("s.npy");
        Files.write(file, BenchCheckpointCommand.samplesFile(1));
        try (NpyFile npy = NpyFile.open(file)) {
            assertEquals(125_000, npy.rows());
            assertEquals(2, npy.cols());
        }
        assertEquals(1_000_128, Files.size(file));
    }
}
