package dev.ganboard.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.worker.WorkerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {
    @Test
    void defaultsNeedNoEnvironmentBeyondTheHome() {
        List<WorkerSettings> s = new WorkerEnvironment(Map.of("GANBOARD_HOME", "/data/gb")).settings("node-7");
        assertEquals(1, s.size());
        WorkerSettings w = s.getFirst();
        assertEquals("localhost:9092", w.bootstrapServers());
        assertEquals("ganboard-workers", w.groupId());
        assertEquals("node-7", w.workerId());
        assertEquals(Path.of("/data/gb/worker/node-7"), w.workDir());
        assertEquals(50_000, w.maxSamples());
        assertEquals(10_000, w.generatedSamples());
    }

    @Test
    void everySettingComesFromItsVariable() {
        List<WorkerSettings> s = new WorkerEnvironment(Map.of(
                "GANBOARD_KAFKA_BOOTSTRAP", "kafka-0:9092,kafka-1:9092",
                "GANBOARD_WORKER_GROUP", "eval-gpu",
                "GANBOARD_WORKER_ID", "gpu-pod-a",
                "GANBOARD_WORKER_THREADS", "3",
                "GANBOARD_WORKER_MAX_SAMPLES", "20000",
                "GANBOARD_WORKER_GENERATED_SAMPLES", "5000",
                "GANBOARD_HOME", "/scratch")).settings("ignored");
        assertEquals(List.of("gpu-pod-a-1", "gpu-pod-a-2", "gpu-pod-a-3"),
                s.stream().map(WorkerSettings::workerId).toList());
        assertEquals(Path.of("/scratch/worker/gpu-pod-a-2"), s.get(1).workDir());
        assertTrue(s.stream().allMatch(w -> w.bootstrapServers().equals("kafka-0:9092,kafka-1:9092")
                && w.groupId().equals("eval-gpu") && w.maxSamples() == 20_000 && w.generatedSamples() == 5_000));
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertEquals("GANBOARD_WORKER_THREADS: a whole number, got 'many'", assertThrows(InvalidInputException.class,
                () -> new WorkerEnvironment(Map.of("GANBOARD_WORKER_THREADS", "many")).settings("h")).getMessage());
        assertEquals("GANBOARD_WORKER_THREADS: between 1 and 64, got 0", assertThrows(InvalidInputException.class,
                () -> new WorkerEnvironment(Map.of("GANBOARD_WORKER_THREADS", "0")).settings("h")).getMessage());
        assertEquals("GANBOARD_WORKER_GENERATED_SAMPLES: between 10 and 1000, got 5000",
                assertThrows(InvalidInputException.class, () -> new WorkerEnvironment(Map.of(
                        "GANBOARD_WORKER_MAX_SAMPLES", "1000", "GANBOARD_WORKER_GENERATED_SAMPLES", "5000"))
                        .settings("h")).getMessage());
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new WorkerEnvironment(Map.of("GANBOARD_WORKER_ID", "a/b")).settings("h")).getMessage()
                .startsWith("GANBOARD_WORKER_ID: letters, digits"));
    }

    @Test
    void aBadSettingIsABadInputExit() {
        var cli = GanboardCli.commandLine();
        WorkerCommand cmd = cli.getSubcommands().get("worker").getCommand();
        cmd.env = Map.of("GANBOARD_WORKER_MAX_SAMPLES", "-1");
        var err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertEquals(GanboardCli.EXIT_BAD_INPUT, cli.execute("worker"));
        assertEquals("ganboard worker: error: GANBOARD_WORKER_MAX_SAMPLES: between 10 and 2147483647, got -1",
                err.toString().strip());
    }

    @Test
    void helpDocumentsTheEnvironment() {
        CliRun r = CliRun.of("worker", "--help");
        assertEquals(0, r.exitCode());
        for (String v : List.of("GANBOARD_KAFKA_BOOTSTRAP", "GANBOARD_WORKER_GROUP", "GANBOARD_WORKER_ID",
                "GANBOARD_WORKER_THREADS", "GANBOARD_WORKER_MAX_SAMPLES", "GANBOARD_WORKER_GENERATED_SAMPLES",
                "GANBOARD_HOME", "SIGTERM")) {
            assertTrue(r.out().contains(v), v + " missing from:\n" + r.out());
        }
    }
}
