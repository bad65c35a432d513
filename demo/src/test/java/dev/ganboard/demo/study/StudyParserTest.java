package dev.ganboard.demo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.demo.loss.LossKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudyParserTest {
    private static final String MINIMAL = """
            {"name": "s", "dataset": "ring8", "seeds": 3, "steps": 250, "checkpoint_every": 100,
             "variants": [{"name": "NS-GAN", "loss": "ns"}]}""";

    @Test
    void minimalStudyGetsDefaults() throws IOException {
        Study s = parse(MINIMAL);
        assertEquals(List.of("ring8"), s.datasets());
        assertEquals(List.of(1L, 2L, 3L), s.seeds());
        assertEquals(StudyParser.DEFAULTS, s.variants().get(0).hyperparameters());
        assertEquals(List.of(100L, 200L, 250L), s.checkpointSteps());
        assertEquals(3, s.jobs().size());
        assertEquals("s-ring8", s.jobs().get(0).project());
    }

    @Test
    void hyperparametersLayerDefaultsStudyAndVariant() throws IOException {
        Study s = parse("""
                {"name": "s", "datasets": ["ring8", "grid25"], "seeds": [7, 3], "steps": 10,
                 "hyperparameters": {"lr_g": 0.002, "batch_size": 64},
                 "variants": [{"name": "WGAN-GP", "loss": "WGAN-GP",
                               "hyperparameters": {"batch_size": 32, "n_critic": 5}},
                              {"name": "LSGAN", "loss": "ls"}]}""");
        Hyperparameters w = s.variants().get(0).hyperparameters();
        assertEquals(LossKind.WGAN_GP, s.variants().get(0).loss());
        assertEquals(0.002, w.lrG());
        assertEquals(32, w.batchSize());
        assertEquals(5, w.nCritic());
        assertEquals(StudyParser.DEFAULTS.lrD(), w.lrD());
        assertEquals(64, s.variants().get(1).hyperparameters().batchSize());
        // seed-major order: every variant on every dataset with seed 7 first
        assertEquals(8, s.jobs().size());
        assertEquals(7, s.jobs().get(3).seed());
        assertEquals("grid25", s.jobs().get(3).dataset());
        assertEquals(3, s.jobs().get(4).seed());
    }

    @Test
    void errorsNameTheirField() {
        StudyException e = assertThrows(StudyException.class, () -> parse("""
                {"dataset": "ring9", "seeds": [1, 1], "steps": 0, "colour": "red",
                 "variants": [{"name": "A", "loss": "ns", "hyperparameters": {"lr_d": -1, "lr": 0.1}},
                              {"name": "A", "loss": "wasserstein"},
                              {"loss": "hinge", "hyperparameters": {"beta2": 1.0, "batch_size": 1.5}}]}"""));
        List<String> errors = e.errors();
        assertHas(errors, "name: is required");
        assertHas(errors, "dataset: unknown dataset \"ring9\" (known: ring8 | grid25 | fashion-mnist)");
        assertHas(errors, "seeds[1]: seed 1 is listed twice");
        assertHas(errors, "steps: must be between 1 and");
        assertHas(errors, "colour: unknown field");
        assertHas(errors, "variants[0].hyperparameters.lr_d: must be in (0.0, 1.0], got -1");
        assertHas(errors, "variants[0].hyperparameters.lr: unknown field");
        assertHas(errors, "variants[1].name: variant 'A' is defined twice");
        assertHas(errors, "variants[1].loss: unknown loss 'wasserstein' (known: ns | mm | ls | wgan-gp | hinge)");
        assertHas(errors, "variants[2].name: is required");
        assertHas(errors, "variants[2].hyperparameters.beta2: must be in [0.0, 1.0)");
        assertHas(errors, "variants[2].hyperparameters.batch_size: must be an integer, got 1.5");
        assertEquals(12, errors.size(), String.join("\n", errors));
        assertTrue(e.getMessage().startsWith("test.json: 12 errors:"), e.getMessage());
    }

    @Test
    void datasetAndDatasetsAreExclusive() {
        StudyException e = assertThrows(StudyException.class, () -> parse("""
                {"name": "s", "dataset": "ring8", "datasets": ["grid25"], "seeds": 1, "steps": 1,
                 "variants": [{"name": "A", "loss": "ns"}]}"""));
        assertHas(e.errors(), "dataset: give exactly one of 'dataset'");
    }

    @Test
    void emptyVariantsAndBadSeeds() {
        StudyException e = assertThrows(StudyException.class, () -> parse("""
                {"name": "s", "dataset": "grid25", "seeds": [-1, "x"], "steps": 5, "variants": []}"""));
        assertHas(e.errors(), "variants: must be a non-empty list");
        assertHas(e.errors(), "seeds[0]: must be a non-negative integer, got -1");
        assertHas(e.errors(), "seeds[1]: must be a non-negative integer, got \"x\"");
    }

    @Test
    void invalidJsonSaysWhere() {
        StudyException e = assertThrows(StudyException.class, () -> StudyFiles.parse(
                new ByteArrayInputStream("{\"name\": \"s\",\n \"steps\": }".getBytes(StandardCharsets.UTF_8)),
                "broken.json", "broken.json"));
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void yamlFilesAreReadToo() throws IOException {
        Study s = StudyFiles.parse(new ByteArrayInputStream("""
                name: yaml-study
                dataset: grid25
                seeds: [1, 2]
                steps: 100
                variants:
                  - {name: Hinge, loss: hinge, hyperparameters: {hidden_width: 64}}
                """.getBytes(StandardCharsets.UTF_8)), "study.yaml", "study.yaml");
        assertEquals(64, s.variants().get(0).hyperparameters().hiddenWidth());
    }

    @Test
    void bundledStudiesAreValid() {
        Study mixtures = StudyFiles.bundled("mixtures");
        assertEquals(List.of("ring8", "grid25"), mixtures.datasets());
        assertEquals(List.of(LossKind.NS, LossKind.MM, LossKind.LS, LossKind.WGAN_GP, LossKind.HINGE),
                mixtures.variants().stream().map(Variant::loss).toList());
        assertTrue(mixtures.seeds().size() >= 5);
        Study tiny = StudyFiles.bundled("tiny");
        assertEquals(4, tiny.jobs().size());
        assertThrows(StudyException.class, () -> StudyFiles.bundled("nope"));
    }

    @Test
    void imageStudiesDefaultToDcganAndMayBeConditional() throws IOException {
        Study s = parse("""
                {"name": "img", "dataset": "fashion-mnist", "seeds": 2, "steps": 10,
                 "variants": [{"name": "NS", "loss": "ns"},
                              {"name": "cGAN", "loss": "ns", "architecture": "DCGAN", "conditional": true}]}""");
        assertEquals(Architecture.DCGAN, s.variants().get(0).architecture());
        assertFalse(s.variants().get(0).conditional());
        assertTrue(s.variants().get(1).conditional());
        assertEquals("img-fashion-mnist", s.jobs().get(0).project());
        assertEquals("dcgan", s.jobs().get(1).config().get("architecture"));
        assertEquals(true, s.jobs().get(1).config().get("conditional"));
        assertEquals(Architecture.MLP, parse(MINIMAL).variants().get(0).architecture());
    }

    @Test
    void architectureAndConditionalErrorsNameTheProblem() {
        StudyException images = assertThrows(StudyException.class, () -> parse("""
                {"name": "img", "dataset": "fashion-mnist", "seeds": 1, "steps": 10,
                 "variants": [{"name": "A", "loss": "ns", "architecture": "mlp"},
                              {"name": "B", "loss": "ns", "architecture": "resnet"},
                              {"name": "C", "loss": "ns", "conditional": "yes"}]}"""));
        assertHas(images.errors(), "variants[0].architecture: 'mlp' trains on the 2-D mixtures; image datasets "
                + "[fashion-mnist] need 'dcgan'");
        assertHas(images.errors(), "variants[1].architecture: unknown architecture 'resnet' (known: mlp | dcgan)");
        assertHas(images.errors(), "variants[2].conditional: must be true or false, got \"yes\"");
        assertEquals(3, images.errors().size(), String.join("\n", images.errors()));

        StudyException mixtures = assertThrows(StudyException.class, () -> parse("""
                {"name": "m", "dataset": "ring8", "seeds": 1, "steps": 10,
                 "variants": [{"name": "A", "loss": "ns", "architecture": "dcgan"},
                              {"name": "B", "loss": "ns", "conditional": true}]}"""));
        assertHas(mixtures.errors(), "variants[0].architecture: 'dcgan' trains on 28x28 images; the 2-D mixtures "
                + "[ring8] need 'mlp'");
        assertHas(mixtures.errors(), "variants[1].conditional: needs class labels, which only image datasets");

        StudyException mixed = assertThrows(StudyException.class, () -> parse("""
                {"name": "m", "datasets": ["ring8", "fashion-mnist"], "seeds": 1, "steps": 10,
                 "variants": [{"name": "A", "loss": "ns"}]}"""));
        assertHas(mixed.errors(), "datasets: cannot mix 2-D mixtures and image datasets in one study");
    }

    @Test
    void bundledFashionMnistStudyParses() {
        Study s = StudyFiles.bundled("fashion-mnist");
        assertEquals(List.of("fashion-mnist"), s.datasets());
        assertTrue(s.variants().stream().allMatch(v -> v.architecture() == Architecture.DCGAN));
        assertTrue(s.variants().stream().anyMatch(Variant::conditional), "a cGAN variant for GAN-train/GAN-test");
        assertTrue(s.variants().stream().anyMatch(v -> !v.conditional()));
        assertTrue(s.seeds().size() >= 2);
        assertTrue(s.samplesPerCheckpoint() >= 1000, "the workers' image metrics need enough samples");
    }

    private static Study parse(String json) throws IOException {
        return StudyParser.parse(new ObjectMapper().readTree(json), "test.json");
    }

    private static void assertHas(List<String> errors, String prefix) {
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(prefix)),
                "no error starting with '" + prefix + "' in:\n" + String.join("\n", errors));
    }
}
