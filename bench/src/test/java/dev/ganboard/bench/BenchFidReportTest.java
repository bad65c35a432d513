package dev.ganboard.bench;

import dev.ganboard.metrics.fid.FidResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchFidReportTest {

    static BenchFidCommand.Report report() {
        BenchFidCommand.Series ours = new BenchFidCommand.Series("ganboard (CLI process)");
        ours.wall.add(2.0);
        ours.inProcess.add(1.5);
        ours.fid = 100.0000001;
        ours.peakMib = 300.0;
        BenchFidCommand.Series inProcess = new BenchFidCommand.Series("ganboard (in-process)");
        inProcess.inProcess.add(1.4);
        Map<String, BenchFidCommand.Series> peers = new LinkedHashMap<>();
        BenchFidCommand.Series slow = new BenchFidCommand.Series("pytorch-fid");
        slow.wall.add(10.0);
        slow.inProcess.add(9.0);
        slow.fid = 100.0;
        slow.peakMib = 350.0;
        slow.note = "numpy x";
        BenchFidCommand.Series fast = new BenchFidCommand.Series("torch-fidelity");
        fast.wall.add(5.0);
        fast.inProcess.add(4.0);
        fast.fid = 100.0;
        fast.peakMib = 350.0;
        fast.note = "numpy x";
        peers.put("pytorch-fid", slow);
        peers.put("torch-fidelity", fast);
        BenchFidCommand.Series reference = new BenchFidCommand.Series("reference");
        reference.fid = 100.0;
        FidResult result = new FidResult(100.0000001, 1, 1, 1, 1, 10, 10, 2, "cholesky", 0.1, List.of());
        return new BenchFidCommand.Report(10, 2, 0, 1, ours, inProcess, peers, reference, 100.0, result, null,
                "python3", List.of("--enable-native-access=ALL-UNNAMED"), null, "0.50 / 0.40 / 0.30");
    }

    @Test
    void tableNamesTheFasterPeerAndTheRatio() {
        String table = report().table();
        assertTrue(table.contains("ratio vs torch-fidelity (faster peer): process 0.400, compute 0.375"), table);
        assertTrue(table.contains("1.000e-09"), table);
    }

    @Test
    void rewritesOnlyTheFidSection(@TempDir Path dir) throws IOException {
        Path docs = dir.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nintro\n\n## FID\n\nold figures\n\n## Kafka\n\nkeep me\n");
        report().writeSection(docs);
        String text = Files.readString(docs);
        assertTrue(text.startsWith("# Benchmarks\n\nintro\n\n## FID\n"), text);
        assertTrue(text.contains("## Kafka\n\nkeep me\n"), text);
        assertTrue(!text.contains("old figures"), text);
        assertTrue(text.contains("| torch-fidelity | 5.00 | 4.00 | 350 |"), text);
        assertTrue(text.contains("./ganboard bench fid --n 10 --dim 2 --seed 0 --reps 1"), text);
        assertTrue(text.contains("Load average when the benchmark started: 0.50 / 0.40 / 0.30"), text);
        report().writeSection(docs);
        assertEquals(text.replaceAll("Measured \\S+", ""), Files.readString(docs).replaceAll("Measured \\S+", ""));

        Path fresh = dir.resolve("new.md");
        report().writeSection(fresh);
        assertTrue(Files.readString(fresh).startsWith("# Benchmarks\n\n## FID\n"));
    }

    @Test
    void childProcessesRunWithoutKernelOverridesAndSayWhichCoreTheyChose() throws Exception {
        BenchFidCommand.ProcessResult shell = BenchFidCommand.ProcessResult.run(List.of("/bin/sh", "-c",
                "echo \"${OPENBLAS_CORETYPE-unset} ${OPENBLAS_L2_SIZE-unset} $OPENBLAS_VERBOSE\"; echo 'Core: Zen' >&2"));
        assertEquals("unset unset 2", shell.stdout().strip());
        assertEquals("Zen", shell.kernels());

        // a real OpenBLAS (numpy's, when /usr/bin/python3 has it) reports its core on stderr
        Path python = Path.of("/usr/bin/python3");
        if (Files.isExecutable(python)) {
            BenchFidCommand.ProcessResult numpy = BenchFidCommand.ProcessResult.run(List.of(python.toString(), "-c",
                    "import numpy"));
            if (numpy.exitCode() == 0 && numpy.kernels() != null) {
                assertTrue(numpy.kernels().matches("[A-Za-z0-9_]+"), numpy.kernels());
            }
        }
    }

    @Test
    void theDocsSayWhichKernelsEachSideRan(@TempDir Path dir) throws IOException {
        BenchFidCommand.Report r = report();
        r.ours().kernels = "SkylakeX";
        r.peers().get("torch-fidelity").kernels = "SkylakeX";
        String section = r.section();
        assertTrue(section.contains("| torch-fidelity | 5.00 | 4.00 | 350 | 100.000000000 | SkylakeX |"), section);
        assertTrue(section.contains("| pytorch-fid | 10.00 | 9.00 | 350 | 100.000000000 | not reported |"), section);
        assertTrue(section.contains("without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE"), section);
    }
}
