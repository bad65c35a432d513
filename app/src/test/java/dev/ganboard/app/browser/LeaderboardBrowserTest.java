package dev.ganboard.app.browser;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.StudyFixture;
import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.leaderboard.LeaderboardIndex;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@QuarkusTest
class LeaderboardBrowserTest {
    @TestHTTPResource("/")
    URL base;
    @Inject
    LeaderboardIndex index;

    @BeforeAll
    static void chromiumIsInstalled() {
        LiveRunTableBrowserTest.chromiumIsInstalled();
    }

    private static List<String> variantOrder(Browser browser) {
        List<String> texts = browser.gridTexts("leaderboard");
        return texts.stream().filter(t -> t.equals("NS-GAN") || t.equals("WGAN-GP") || t.equals("LSGAN")).toList();
    }

    @Test
    void theLeaderboardRendersNumbersSortsAndDrawsItsPlots() {
        String project = StudyFixture.create(index, adminKey());
        try (Browser browser = new Browser()) {
            browser.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            browser.open(base + "projects/" + project + "/leaderboard?metric=fid&policy=final");
            browser.await(By.id("leaderboard"));
            browser.waiting(30).until(d -> variantOrder(browser).size() == 3);
            assertEquals(List.of("NS-GAN", "WGAN-GP", "LSGAN"), variantOrder(browser), "best FID first");
            assertTrue(browser.gridTexts("leaderboard").contains("12.000 ± 1.581"), browser.gridTexts("leaderboard").toString());

            WebElement variantSorter = browser.driver().findElements(By.cssSelector("#leaderboard vaadin-grid-sorter"))
                    .stream().filter(s -> s.getText().equals("Variant")).findFirst().orElseThrow();
            variantSorter.click();
            browser.waiting(10).until(d -> variantOrder(browser).equals(List.of("LSGAN", "NS-GAN", "WGAN-GP")));

            assertEquals(15, browser.driver().findElements(By.cssSelector("#boxplot circle.seed")).size(),
                    "every seed is a dot");
            assertEquals(3, browser.driver().findElements(By.cssSelector("#budget polyline")).size());
            assertTrue(browser.driver().getPageSource().contains("NS-GAN beats WGAN-GP on fid"));
            browser.screenshot("leaderboard");

            browser.open(base + "projects/" + project + "/leaderboard?metric=fid&policy=best");
            browser.waiting(30).until(d -> d.getPageSource().contains("Optimistic"));
        }
    }

    @Test
    void aUserOfAnotherTeamCannotOpenTheLeaderboard() {
        String project = StudyFixture.create(index, adminKey());
        String username = TestApi.unique("rival");
        TestApi.newTeamKey(TestApi.unique("rivals"), username, "rival-password");
        try (Browser browser = new Browser()) {
            browser.login(base.toString(), username, "rival-password");
            browser.open(base + "projects/" + project + "/leaderboard");
            browser.waiting(30).until(d -> d.getPageSource().contains("Project not found"));
            assertTrue(browser.driver().findElements(By.cssSelector("#leaderboard")).isEmpty());
            assertTrue(!browser.driver().getPageSource().contains("NS-GAN"));
        }
    }
}
