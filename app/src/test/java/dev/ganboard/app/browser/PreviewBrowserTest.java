package dev.ganboard.app.browser;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.pipeline.Ring8;
import dev.ganboard.app.pipeline.Uploads;
import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import dev.ganboard.app.worker.InProcessWorkers;
import dev.ganboard.backend.checkpoint.EvaluationStore;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The samples previews load in a real browser (through the session), and a worker's progress shows live. */
@QuarkusTest
class PreviewBrowserTest {
    @TestHTTPResource("/")
    URL base;
    @Inject
    InProcessWorkers workers;
    @Inject
    EvaluationStore store;

    @BeforeAll
    static void chromiumIsInstalled() {
        LiveRunTableBrowserTest.chromiumIsInstalled();
    }

    /** The decoded width of an {@code <img>}, 0 while it has not loaded (or failed to). */
    private static long naturalWidth(Browser browser, WebElement image) {
        Object w = ((JavascriptExecutor) browser.driver())
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image);
        return ((Number) w).longValue();
    }

    /** The absolute {@code src} of each thumbnail in the checkpoint table. */
    private static Set<String> thumbnailSources(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        return browser.driver().findElements(By.cssSelector("#checkpoints img.preview-thumb")).stream()
                .map(img -> (String) js.executeScript("return arguments[0].src;", img))
                .collect(Collectors.toSet());
    }

    /** How many times the browser fetched {@code url} over the network (resource timing entries). */
    private static long fetches(Browser browser, String url) {
        Object n = ((JavascriptExecutor) browser.driver())
                .executeScript("return performance.getEntriesByName(arguments[0]).length;", url);
        return ((Number) n).longValue();
    }

    @Test
    void theRunPageShowsTheSamplesAndThumbnailsAndFollowsProgressAndTheLeaderboardShowsEachVariant() {
        String key = adminKey();
        String project = TestApi.unique("samples");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 7);
        long good = Uploads.upload(key, runId, 1000, "samples", Ring8.npy(Ring8.points(2000, 1), NpyDtype.FLOAT32));
        long collapsed = Uploads.upload(key, runId, 2000, "samples",
                Ring8.npy(Ring8.points(2000, 2, 0, 4), NpyDtype.FLOAT32));
        assertEquals("evaluated", Uploads.settled(key, runId, good).getString("status"));
        assertEquals("evaluated", Uploads.settled(key, runId, collapsed).getString("status"));

        try (Browser browser = new Browser()) {
            browser.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            browser.open(base + "runs/" + runId);
            WebElement large = browser.await(By.id("preview-image"));
            browser.waiting(30).until(d -> naturalWidth(browser, d.findElement(By.id("preview-image"))) > 0);
            assertEquals(480, naturalWidth(browser, large), "the scatter plot, decoded by the browser");
            assertEquals(String.valueOf(collapsed), large.getAttribute("data-checkpoint"), "the latest checkpoint");
            browser.waiting(30).until(d -> d.findElements(By.cssSelector("#checkpoints img.preview-thumb")).size() == 2);
            browser.waiting(30).until(d -> d.findElements(By.cssSelector("#checkpoints img.preview-thumb")).stream()
                    .allMatch(img -> naturalWidth(browser, img) > 0));

            // clicking the first checkpoint's row shows its samples instead
            browser.driver().findElements(By.cssSelector("#checkpoints vaadin-grid-cell-content")).stream()
                    .filter(cell -> cell.getText().replace("★ ", "").equals("1000")).findFirst().orElseThrow().click();
            browser.waiting(30).until(d -> String.valueOf(good).equals(
                    d.findElement(By.id("preview-image")).getAttribute("data-checkpoint")));
            browser.waiting(30).until(d -> naturalWidth(browser, d.findElement(By.id("preview-image"))) > 0);
            assertTrue(browser.driver().findElement(By.id("preview")).getText().contains("Samples · step 1000"));
            browser.screenshot("run-preview");

            // while a worker evaluates, its progress shows in the table without reload
            Set<String> thumbnails = thumbnailSources(browser);
            assertEquals(2, thumbnails.size(), thumbnails.toString());
            workers.stopWorkers();
            try {
                long third = Uploads.upload(key, runId, 3000, "samples",
                        Ring8.npy(Ring8.points(500, 3), NpyDtype.FLOAT32));
                store.apply(List.of(new EvaluationProgressed(third, runId, "w-test", "features", 4000, 10000, 12L,
                        System.currentTimeMillis())));
                browser.waiting(30).until(d -> browser.gridTexts("checkpoints")
                        .contains("evaluating — features 4,000 / 10,000 (ETA 12 s)"));
                browser.screenshot("run-progress");
                // those live refreshes kept the unchanged previews' URLs, so the browser fetched each of them once
                assertTrue(thumbnailSources(browser).containsAll(thumbnails), thumbnailSources(browser) + " after "
                        + thumbnails);
                for (String url : thumbnails) {
                    assertEquals(1, fetches(browser, url), url);
                }
            } finally {
                workers.startWorkers();
            }
            browser.waiting(60).until(d -> d.findElements(By.cssSelector("#checkpoints img.preview-thumb")).size() == 3);

            browser.open(base + "projects/" + project + "/leaderboard?metric=fid&policy=final");
            browser.await(By.id("variant-previews"));
            browser.waiting(30).until(d -> d.findElements(By.cssSelector("#variant-previews img")).size() == 1);
            browser.waiting(30).until(d -> naturalWidth(browser, d.findElement(By.cssSelector("#variant-previews img"))) > 0);
            assertTrue(browser.driver().findElement(By.id("variant-previews")).getText().contains("NS-GAN · seed 7 · step 3000"),
                    browser.driver().findElement(By.id("variant-previews")).getText());
            browser.screenshot("leaderboard-previews");
        }
    }
}
