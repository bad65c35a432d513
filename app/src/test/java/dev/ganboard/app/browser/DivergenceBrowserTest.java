package dev.ganboard.app.browser;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A run whose loss turned NaN: its page says where it diverged and its chart marks the step. */
@QuarkusTest
class DivergenceBrowserTest {
    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    public static void chromiumIsInstalled() {
        boolean ci = System.getenv("CI") != null;
        boolean present = Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
        if (ci && !present) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        assumeTrue(present, "Debian chromium + chromium-driver are not installed");
    }

    @Test
    void theRunPageSaysWhereTheRunDivergedAndTheChartMarksIt() {
        String key = adminKey();
        String project = TestApi.unique("diverged");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 7);
        StringBuilder points = new StringBuilder();
        for (int step = 0; step < 120; step++) {
            String d = step < 90 ? Double.toString(1.0 / (step + 1)) : "NaN";
            String g = step < 95 ? Double.toString(2.0 + step / 100.0) : "\"Infinity\"";
            points.append(step == 0 ? "" : ",").append("{\"key\":\"loss/D\",\"step\":").append(step)
                    .append(",\"value\":").append(d).append("},{\"key\":\"loss/G\",\"step\":").append(step)
                    .append(",\"value\":").append(g).append('}');
        }
        TestApi.as(key).body("{\"seq\":0,\"points\":[" + points + "]}").post("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/G") == 120);

        try (Browser browser = new Browser()) {
            browser.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            browser.open(base + "runs/" + runId);
            browser.waiting(30).until(d -> d.findElements(By.cssSelector("#charts svg polyline")).size() >= 2);
            browser.waiting(30).until(d -> d.findElement(By.id("divergence")).getText()
                    .equals("diverged at step 90 (loss/D)"));
            var markers = browser.driver().findElements(By.cssSelector("#charts svg .non-finite-marker"));
            assertEquals(2, markers.size(), "one marker per series that turned non-finite");
            String page = browser.driver().getPageSource();
            assertFalse(page.contains("NaN,"), "no NaN coordinates in the SVG");
            browser.screenshot("run-diverged");
        }
    }
}
