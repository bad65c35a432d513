package dev.ganboard.app.compare;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VariantCurvesTest {

    @Test
    void seedsOfAVariantBecomeAMeanCurveWithABandOnASharedGrid() {
        String key = adminKey();
        String project = TestApi.unique("curves");
        TestApi.createProject(key, project);
        // loss = offset + step/100 for steps 0..99; NS-GAN seeds offset 0 and 2, LSGAN one seed offset 10
        long[] runs = {
            log(key, project, "NS-GAN", 0, 0.0),
            log(key, project, "NS-GAN", 1, 2.0),
            log(key, project, "LSGAN", 0, 10.0)};
        for (long run : runs) {
            await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, run, "loss/G") == 100);
        }
        JsonPath curves = TestApi.json(as(key).queryParam("key", "loss/G").queryParam("buckets", 10)
                .get("/api/v1/projects/" + project + "/curves").then().statusCode(200).extract().asString());
        assertEquals(10, curves.getList("variants.'NS-GAN'").size());
        // bucket 0 = steps 0..9: seed means 0.045 and 2.045 -> mean 1.045, band [0.045, 2.045]
        assertEquals(1.045, curves.getDouble("variants.'NS-GAN'[0].mean"), 1e-9);
        assertEquals(0.045, curves.getDouble("variants.'NS-GAN'[0].lo"), 1e-9);
        assertEquals(2.045, curves.getDouble("variants.'NS-GAN'[0].hi"), 1e-9);
        assertEquals(2, curves.getInt("variants.'NS-GAN'[0].seeds"));
        assertEquals(10.945, curves.getDouble("variants.LSGAN[9].mean"), 1e-9);
        assertEquals(1, curves.getInt("variants.LSGAN[9].seeds"));
        as(key).get("/api/v1/projects/" + project + "/curves").then().statusCode(400);
    }

    private static long log(String key, String project, String variant, long seed, double offset) {
        long run = TestApi.createRun(key, project, variant, seed);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            points.add(point("loss/G", step, offset + step / 100.0));
        }
        TestApi.logBatch(key, run, 0, points);
        return run;
    }
}
