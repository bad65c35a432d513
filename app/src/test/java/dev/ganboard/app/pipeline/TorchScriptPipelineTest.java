package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TorchScript generators REST → Kafka → in-process worker (DJL sampling + suite) → backend → REST. */
@QuarkusTest
class TorchScriptPipelineTest {
    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("torchscript");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    @Test
    void aRing8GeneratorIsSampledAndEvaluatedEndToEnd() {
        long id = Generators.upload(key, runId, 500, "ring8_points",
                Map.of("latent_size", 4, "n_samples", 2000, "seed", 7));
        JsonPath c = Uploads.settled(key, runId, id);
        assertEquals("evaluated", c.getString("status"), c.prettify());
        JsonPath e = TestApi.json(c.prettify()).setRootPath("evaluations[0]");
        assertEquals("ok", e.getString("status"));
        assertEquals(2000, e.getInt("sample_count"));
        assertTrue(e.getString("worker").startsWith("inproc-"), e.getString("worker"));
        assertEquals(8, e.getInt("metrics.modes_covered"), e.prettify());
        assertEquals(false, e.getBoolean("metrics.collapsed"));
        assertTrue(e.getDouble("metrics.fid") < 0.01, e.prettify());
        assertEquals(7, e.getInt("metrics.details.generator.seed"));
        assertEquals(4, e.getInt("metrics.details.generator.latent_size"));
        assertEquals("cpu()", e.getString("metrics.details.generator.device"));
    }

    @Test
    void aGeneratorThatOutputsNaNIsEvaluatedAsDivergedAndTheWorkerGoesOn() {
        long nan = Generators.upload(key, runId, 100, "nan_points", Map.of("latent_size", 2, "n_samples", 1000));
        long next = Generators.upload(key, runId, 200, "ring8_points", Map.of("latent_size", 4, "n_samples", 1000));
        long notTorchScript = Generators.upload(key, runId, 300, "not_torchscript", Map.of("latent_size", 4));

        // column 0 of every 4th sample is NaN
        String reason = "checkpoint " + nan + " (step 100): diverged: 250 of 1000 samples (25 %) are not finite "
                + "(250 NaN and 0 infinite values), the first is sample 0";
        JsonPath diverged = Uploads.settled(key, runId, nan);
        assertEquals("evaluated", diverged.getString("status"));
        assertEquals(reason, diverged.getString("status_detail"));
        assertEquals(reason, diverged.getString("evaluations[0].error"));
        assertEquals("diverged", diverged.getString("evaluations[0].status"));
        assertEquals(0.25, diverged.getDouble("evaluations[0].metrics.non_finite_fraction"), 1e-12);
        assertEquals(0, diverged.getInt("evaluations[0].metrics.first_non_finite_sample"));
        assertEquals(true, diverged.getBoolean("evaluations[0].metrics.collapsed"));

        JsonPath ok = Uploads.settled(key, runId, next);
        assertEquals("evaluated", ok.getString("status"), ok.prettify());
        assertEquals(8, ok.getInt("evaluations[0].metrics.modes_covered"));
        assertEquals("checkpoint " + notTorchScript + " (step 300): not a TorchScript file (torch.jit.save writes a "
                + "zip archive; this file starts with 74 68 69 73 20 69 73 20 \"this is \")",
                Uploads.settled(key, runId, notTorchScript).getString("status_detail"));
    }
}
