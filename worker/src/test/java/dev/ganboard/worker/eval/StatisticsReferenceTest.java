package dev.ganboard.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.fid.FidStatisticsFile;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.classifier.CnnRecipe;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.cli.GanboardCli;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.features.InceptionExtractor;
import dev.ganboard.worker.reference.ReferenceStatistics;
import dev.ganboard.worker.reference.StatisticsReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Published-style reference statistics: {@code stats compute} writes mu / sigma / n as pytorch-fid's .npz, and a
 * {@code stats:/path/x.npz} reference gives the same FID as the features it was computed from; KID and PRDC are
 * not applicable.
 */
class StatisticsReferenceTest {
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
    void statsComputeThenAStatsReferenceGivesTheSameFidAsTheDatasetOnTheCommandLine() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path samples = Files.write(dir.resolve("s.npy"), Samples.npy(Samples.ring8(1000, 3, 0, 1, 2, 3, 4), 2,
                NpyDtype.FLOAT32));
        Path out = dir.resolve("ring8.npz");
        Run stats = run("stats", "compute", "--dataset", "ring8", "--n", "1000", out.toString());
        assertEquals(0, stats.code(), stats.err());
        JsonNode s = json.readTree(stats.out());
        assertEquals("stats:" + out.toAbsolutePath(), s.get("reference").asText());
        assertEquals(1000, s.get("n").asInt());
        assertEquals(2, s.get("dim").asInt());
        assertEquals("identity", s.get("extractor").asText());
        assertTrue(s.get("split").isNull()); // a mixture has no splits
        assertEquals(StatisticsReference.sha256(out), s.get("sha256").asText());
        GaussianStats file = FidStatisticsFile.read(out);
        assertEquals(2, file.mean().length);
        assertEquals(4, file.covariance().length);

        Run direct = run("eval", samples.toString(), "--dataset", "ring8");
        Run viaStats = run("eval", samples.toString(), "--dataset", s.get("reference").asText());
        assertEquals(0, direct.code(), direct.err());
        assertEquals(0, viaStats.code(), viaStats.err());
        double expected = json.readTree(direct.out()).get("metrics").get("fid").asDouble();
        JsonNode m = json.readTree(viaStats.out()).get("metrics");
        assertTrue(expected > 0.01, "a FID far from 0: " + expected); // five of eight modes
        assertEquals(expected, m.get("fid").asDouble(), 1e-9 * expected);
        assertFalse(m.has("precision") || m.has("kid"), m.toString());
        assertEquals("not applicable: the reference is statistics only",
                m.get("details").get("kid").get("reason").asText());
        assertEquals("not applicable: the reference is statistics only",
                m.get("details").get("prdc").get("reason").asText());
        assertEquals(StatisticsReference.sha256(out), m.get("details").get("reference").get("sha256").asText());
        // the fingerprints say how each value was made, and why the two are comparable
        JsonNode viaStatsPrint = m.get("details").get("fingerprint");
        JsonNode directPrint = json.readTree(direct.out()).get("metrics").get("details").get("fingerprint");
        assertEquals(StatisticsReference.sha256(out), viaStatsPrint.get("reference").get("sha256").asText());
        assertEquals(1000, viaStatsPrint.get("n_reference").asInt());
        assertEquals("ring8", directPrint.get("reference").get("dataset").asText());
        for (JsonNode print : new JsonNode[] {viaStatsPrint, directPrint}) {
            assertEquals("identity", print.get("extractor").asText());
            assertTrue(print.get("weights_sha256").isNull());
            assertEquals(1000, print.get("n_generated").asInt());
            assertEquals("float64 mean, covariance with N - 1 (ddof 1)", print.get("covariance").asText());
            assertEquals(dev.ganboard.worker.Suite.VERSION, print.get("suite_version").asText());
        }
    }

    @Test
    void imagesAgainstInceptionStatisticsOfAUserDatasetGiveTheFidOfTheFeatures() throws Exception {
        double[] real = new double[140 * 64];
        for (int i = 0; i < real.length; i++) {
            real[i] = (i * 37 + (i / 64) * 11) % 256;
        }
        NpyWriter.write(dir.resolve("real.npy"), real, new long[] {140, 8, 8}, NpyDtype.UINT8);
        NpyWriter.write(dir.resolve("real.labels.npy"), new double[140], new long[] {140}, NpyDtype.INT64);
        Path standIn = Path.of(getClass().getResource("/torchscript/inception_standin.pt").toURI());
        ImageSettings settings = new ImageSettings(dir.resolve("cache"), dir, null, standIn, false);
        Datasets datasets = Datasets.standard(settings);
        FeatureExtractors extractors = FeatureExtractors.standard(datasets,
                new DomainClassifiers(settings.cacheDir(), CnnRecipe.DEFAULT), settings);
        String dataset = "npy:" + dir.resolve("real.npy");

        GaussianStats stats = new ReferenceStatistics(datasets, extractors).compute(dataset, "inception-fid", "test",
                0, Progress.NONE);
        assertEquals(20, stats.n()); // the held-out split: one image in seven
        assertEquals(2048, stats.dim());
        Path npz = dir.resolve("inception.npz");
        FidStatisticsFile.write(npz, stats);

        float[] px = new float[50 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = ((i * 13 + (i / 64) * 29) % 200) / 255f;
        }
        ImageSet fakes = new ImageSet("fakes", 1, 8, 8, px, null);
        SamplesEvaluator evaluator = new SamplesEvaluator(datasets, extractors, 1000);
        Map<String, Object> m = evaluator.evaluateSamples(new EvaluationInput(Path.of("unused"), "fakes",
                "stats:" + npz, Map.of()), new GeneratedSamples(fakes.toMatrix(), null, fakes.shape(), 50, "test"))
                .metrics();

        InceptionExtractor inception = (InceptionExtractor) extractors.find("inception-fid");
        ImageDataset d = (ImageDataset) datasets.find(dataset);
        DenseMatrix realFeatures = inception.referenceFeatures(d, "test", Progress.NONE);
        double expected = new Fid().compute(realFeatures, inception.features(fakes, Progress.NONE)).fid();
        assertEquals(expected, (double) m.get("fid"), 1e-9 * expected);
        assertTrue(m.containsKey("is_inception"));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) m.get("details");
        assertEquals("inception-fid", details.get("extractor"));
        @SuppressWarnings("unchecked")
        Map<String, Object> print = (Map<String, Object>) details.get("fingerprint");
        assertEquals(StatisticsReference.sha256(standIn), print.get("weights_sha256"));
        assertEquals(InceptionExtractor.PREPROCESSING, print.get("preprocessing"));
        assertEquals(50, print.get("n_generated"));
        assertEquals(20, print.get("n_reference"));
        assertEquals(Map.of("statistics", npz.toString(), "sha256", StatisticsReference.sha256(npz)),
                print.get("reference"));

        // statistics of another feature space: a dimension mismatch naming both sides
        Path points = dir.resolve("points.npz");
        FidStatisticsFile.write(points, new GaussianStats("p", new double[2], new double[] {1, 0, 0, 1}, 10, 2));
        String message = assertThrows(InvalidInputException.class, () -> evaluator.evaluateSamples(
                new EvaluationInput(Path.of("unused"), "fakes", "stats:" + points, Map.of()),
                new GeneratedSamples(fakes.toMatrix(), null, fakes.shape(), 50, "test"))).getMessage();
        assertTrue(message.contains("2048") && message.contains("2"), message);
        // an absent file
        assertTrue(assertThrows(EvaluationFailure.class, () -> StatisticsReference.load("stats:" + dir.resolve(
                "absent.npz"))).getMessage().contains("does not exist on this worker"));
    }
}
