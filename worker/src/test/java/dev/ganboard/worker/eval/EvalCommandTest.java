package dev.ganboard.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.cli.GanboardCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ganboard eval}: the worker's suite on a local file. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GanboardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void evaluatesASamplesFileLikeTheWorker() throws Exception {
        Path file = Files.write(dir.resolve("s.npy"), Samples.npy(Samples.ring8(1000, 1, 1, 2, 3), 2, NpyDtype.FLOAT32));
        Run r = run("eval", file.toString(), "--dataset", "ring8");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("identity", json.get("extractor").asText());
        assertEquals(1000, json.get("sample_count").asInt());
        assertEquals(3, json.get("metrics").get("modes_covered").asInt());
        assertTrue(json.get("metrics").get("collapsed").asBoolean());
    }

    @Test
    void unsupportedInputIsABadInputExitWithTheReason() throws Exception {
        Path file = Files.write(dir.resolve("s.npy"), Samples.npy(Samples.ring8(100, 1), 2, NpyDtype.FLOAT32));
        Run r = run("eval", file.toString(), "--dataset", "mnist");
        assertEquals(GanboardCli.EXIT_BAD_INPUT, r.code());
        assertEquals("ganboard eval: error: dataset 'mnist' is not supported by this worker yet (supported: ring8, "
                + "grid25)", r.err().strip());
        Run torch = run("eval", file.toString(), "--dataset", "ring8", "--kind", "torchscript", "--meta",
                "latent_size=4");
        assertEquals(GanboardCli.EXIT_BAD_INPUT, torch.code());
        assertTrue(torch.err().contains(": not a TorchScript file (torch.jit.save writes a zip archive"), torch.err());
    }
}
