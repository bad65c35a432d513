package dev.ganboard.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StudyCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @Test
    void badStudyFileExitsWithTheFieldNamed() throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, """
                {"name": "x", "dataset": "ring8", "seeds": 1, "steps": 10,
                 "variants": [{"name": "A", "loss": "ns", "hyperparameters": {"lr_g": 0}}]}""");
        assertEquals(StudyCommand.EXIT_BAD_INPUT, execute("--study", file.toString(), "--csv", tmp.toString()));
        assertTrue(err.toString().contains("variants[0].hyperparameters.lr_g: must be in (0.0, 1.0], got 0"),
                err.toString());
    }

    @Test
    void missingFileAndBadParallelism() {
        assertEquals(StudyCommand.EXIT_BAD_INPUT, execute("--study", tmp.resolve("none.json").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(StudyCommand.EXIT_BAD_INPUT, execute("--parallel", "0", "--csv", tmp.toString()));
        assertTrue(err.toString().contains("--parallel must be >= 1"), err.toString());
    }

    @Test
    void runsAStudyFileToCsvAndPrintsProgressAndSummary() throws IOException {
        Path file = tmp.resolve("short.yaml");
        Files.writeString(file, """
                name: short
                dataset: grid25
                seeds: [3]
                steps: 4
                checkpoint_every: 2
                samples_per_checkpoint: 50
                hyperparameters: {hidden_width: 8, batch_size: 16}
                variants:
                  - {name: LSGAN, loss: ls}
                  - {name: Hinge, loss: hinge}
                """);
        assertEquals(StudyCommand.EXIT_OK, execute(file.toString(), "--csv", tmp.resolve("out").toString(),
                "--parallel", "1"), err::toString);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("[  2/2] done"), printed);
        assertTrue(printed.contains("grid25   Hinge"), printed);
        assertTrue(printed.contains("2 of 2 runs finished"), printed);
        assertTrue(Files.exists(tmp.resolve("out/short-grid25/LSGAN-seed3/samples-step000004.npy")));
    }

    @Test
    void withoutAStudyTheFashionMnistStudyFollowsTheMixturesWhenTheDatasetIsThere() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        StudyCommand absent = new StudyCommand(Map.of("GANBOARD_FASHION_MNIST_DIR", empty.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(java.util.List.of("mixtures"), absent.defaultStudies());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Fashion-MNIST not found in " + empty),
                out.toString(StandardCharsets.UTF_8));

        Path present = Files.createDirectories(tmp.resolve("fmnist"));
        Files.write(present.resolve("train-images-idx3-ubyte.gz"), new byte[] {0});
        Files.write(present.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0});
        StudyCommand found = new StudyCommand(Map.of("GANBOARD_FASHION_MNIST_DIR", present.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(java.util.List.of("mixtures", "fashion-mnist"), found.defaultStudies());
    }

    @Test
    void anImageStudyWithoutTheDatasetStopsBeforeTraining() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CommandLine cli = StudyCommand.commandLine(new StudyCommand(Map.of("GANBOARD_FASHION_MNIST_DIR",
                empty.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(StudyCommand.EXIT_BAD_INPUT, cli.execute("fashion-mnist", "--csv", tmp.toString()));
        assertTrue(err.toString().contains("trains on Fashion-MNIST, which is not in " + empty), err.toString());
    }

    private int execute(String... args) {
        CommandLine cli = StudyCommand.commandLine(
                new StudyCommand(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
