package dev.ganboard.app.browser;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.point;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A real browser logs in, opens a project and watches its run table update while a run logs. */
@QuarkusTest
class LiveRunTableBrowserTest {
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
    void loginOpenProjectAndSeeTheRunTableFollowALiveRun() {
        String key = adminKey();
        String project = TestApi.unique("live");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 42);
        TestApi.logBatch(key, runId, 0, List.of(point("loss/D", 0, 1.25)));

        try (Browser browser = new Browser()) {
            browser.open(base + "projects/" + project);
            browser.await(By.id("vaadinLoginUsername"));
            assertTrue(browser.driver().getCurrentUrl().contains("login") || !browser.driver().findElements(By.id("vaadinLoginUsername")).isEmpty(),
                    "an anonymous visitor is sent to the login page");

            browser.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            browser.await(By.id("projects"));
            browser.waiting(30).until(d -> browser.gridTexts("projects").contains(project));

            browser.open(base + "projects/" + project);
            browser.await(By.id("runs"));
            browser.waiting(30).until(d -> browser.gridTexts("runs").containsAll(List.of("NS-GAN", "42", "1.2500")));
            assertTrue(browser.driver().findElement(By.id("project-progress")).getText()
                    .startsWith("0 of 1 runs done (1 running"), "progress line before the run finishes");

            // The run keeps logging: the open table follows through server push, without reload.
            TestApi.logBatch(key, runId, 1, List.of(point("loss/D", 1, 0.75), point("loss/G", 1, 3.5)));
            browser.waiting(30).until(d -> browser.gridTexts("runs").containsAll(List.of("0.7500", "3.5000")));
            TestApi.as(key).post("/api/v1/runs/" + runId + "/finish").then().statusCode(200);
            browser.waiting(30).until(d -> browser.gridTexts("runs").contains("finished"));
            browser.waiting(30).until(d -> d.findElement(By.id("project-progress")).getText()
                    .startsWith("1 of 1 runs done"));
            browser.screenshot("run-table-live");

            // Clicking the run opens its curves, drawn server-side as SVG.
            List<Map<String, Object>> curve = new java.util.ArrayList<>();
            for (int step = 2; step < 3000; step++) {
                curve.add(point("loss/D", step, 1.0 / Math.sqrt(step) + (step == 1500 ? 5 : 0)));
            }
            TestApi.logBatch(key, runId, 2, curve);
            browser.driver().findElements(By.cssSelector("#runs vaadin-grid-cell-content")).stream()
                    .filter(cell -> cell.getText().equals("NS-GAN")).findFirst().orElseThrow().click();
            browser.waiting(30).until(d -> d.getCurrentUrl().endsWith("/runs/" + runId));
            browser.waiting(30).until(d -> d.findElements(By.cssSelector("#charts svg polyline")).size() >= 2);
            browser.waiting(30).until(d -> d.getPageSource().contains("loss/D (3000 points)"));
            browser.screenshot("run-detail");
        }
    }

    @Test
    void aUserOfAnotherTeamCannotOpenTheProject() {
        String project = TestApi.unique("private");
        TestApi.createProject(adminKey(), project);
        String username = TestApi.unique("outsider");
        TestApi.newTeamKey(TestApi.unique("other-team"), username, "outsider-password");

        try (Browser browser = new Browser()) {
            browser.login(base.toString(), username, "outsider-password");
            browser.await(By.id("projects"));
            assertFalse(browser.gridTexts("projects").contains(project));
            browser.open(base + "projects/" + project);
            browser.waiting(30).until(d -> d.getPageSource().contains("Project not found"));
            assertTrue(browser.gridTexts("runs").isEmpty());
        }
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() {
        try (Browser browser = new Browser()) {
            browser.open(base + "login");
            browser.await(By.cssSelector("#vaadinLoginUsername input")).sendKeys("admin");
            var pass = browser.await(By.cssSelector("#vaadinLoginPassword input"));
            pass.sendKeys("not-the-password");
            pass.sendKeys("\n");
            browser.waiting(30).until(d -> d.getCurrentUrl().contains("error"));
            assertTrue(browser.driver().findElements(By.id("current-user")).isEmpty());
        }
    }
}
