package dev.ganboard.app.browser;

import static dev.ganboard.app.support.TestApi.adminKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/** Issue 13 item 4 in a real browser: session fixation, logout, cookie flags, throttled logins. */
@QuarkusTest
class SessionSecurityBrowserTest {
    static final String CREDENTIAL = "quarkus-credential";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    public static void chromiumIsInstalled() {
        boolean present = Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
        if (System.getenv("CI") != null && !present) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        assumeTrue(present, "Debian chromium + chromium-driver are not installed");
    }

    @Test
    void aPlantedSessionIdIsWorthNothingAfterTheVictimLogsIn() {
        String project = TestApi.unique("fixation");
        TestApi.createProject(adminKey(), project);
        try (Browser victim = new Browser(); Browser attacker = new Browser()) {
            victim.open(base + "login");
            victim.await(By.id("vaadinLoginUsername"));
            Cookie planted = victim.driver().manage().getCookieNamed("JSESSIONID");
            assertNotNull(planted, "the login page starts a session (the id an attacker could plant)");

            victim.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            victim.await(By.id("projects"));
            victim.waiting(30).until(d -> victim.gridTexts("projects").contains(project));
            Cookie session = victim.driver().manage().getCookieNamed("JSESSIONID");
            assertNotEquals(planted.getValue(), session.getValue(), "login gives the session a new id");

            onlyWithCookie(attacker, "JSESSIONID", planted.getValue());
            attacker.open(base + "projects/" + project);
            attacker.await(By.id("vaadinLoginUsername"));
            assertTrue(attacker.driver().findElements(By.id("runs")).isEmpty(), "the planted id opens nothing");
        }
    }

    @Test
    void logoutEndsTheSessionAndTheLoginCookieOnTheServer() {
        String project = TestApi.unique("logout");
        TestApi.createProject(adminKey(), project);
        try (Browser user = new Browser(); Browser thief = new Browser()) {
            user.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            user.await(By.id("projects"));
            Cookie session = user.driver().manage().getCookieNamed("JSESSIONID");
            Cookie credential = user.driver().manage().getCookieNamed(CREDENTIAL);
            assertNotNull(credential);

            // cookie flags as the browser stored them
            assertTrue(session.isHttpOnly(), "JSESSIONID is HttpOnly");
            assertEquals("Lax", session.getSameSite());
            assertTrue(credential.isHttpOnly(), "the login cookie is HttpOnly");
            assertEquals("Lax", credential.getSameSite());

            // a script click: in dev mode Vaadin's tool overlay covers the corner where the link is
            ((JavascriptExecutor) user.driver()).executeScript("arguments[0].click()", user.await(By.id("logout")));
            user.await(By.id("vaadinLoginUsername"));
            assertTrue(user.driver().manage().getCookieNamed(CREDENTIAL) == null, "the browser dropped the login cookie");

            onlyWithCookie(thief, "JSESSIONID", session.getValue());
            thief.open(base + "projects/" + project);
            thief.await(By.id("vaadinLoginUsername"));
            assertTrue(thief.driver().findElements(By.id("projects")).isEmpty(), "the old session id opens nothing");

            onlyWithCookie(thief, CREDENTIAL, credential.getValue());
            thief.open(base + "projects/" + project);
            thief.await(By.id("vaadinLoginUsername"));
            assertTrue(thief.driver().findElements(By.id("runs")).isEmpty(), "the old login cookie opens nothing");

            // logging in again works as before
            user.login(base.toString(), "admin", TempHome.ADMIN_PASSWORD);
            user.await(By.id("projects"));
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheUserForAWhileWithAClearMessage() {
        String username = TestApi.unique("dave");
        TestApi.newTeamKey(TestApi.unique("team"), username, "the right password");
        for (int i = 0; i < 5; i++) {
            loginPost(username, "wrong password " + i).then().statusCode(302)
                    .header("Location", containsString("error"));
        }
        // the sixth attempt is refused although the password is right
        loginPost(username, "the right password").then().statusCode(302).header("Location", containsString("error"));
        try (Browser browser = new Browser()) {
            browser.open(base + "login?error=true");
            // the form's error box lives in its shadow DOM: read what the server gave the form to show
            browser.waiting(30).until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
                    "const f = document.querySelector('vaadin-login-form');"
                            + "return f && f.error && f.i18n ? f.i18n.errorMessage.message : '';"))
                    .startsWith("Too many failed logins for this user or from this address. Try again in"));
        }
    }

    private io.restassured.response.Response loginPost(String username, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", password).post("/j_security_check");
    }

    /** A fresh browser holding just this one cookie of the site, as an attacker who copied it would. */
    private void onlyWithCookie(Browser browser, String name, String value) {
        browser.open(base + "VAADIN/no-such-file");
        browser.driver().manage().deleteAllCookies();
        browser.driver().manage().addCookie(new Cookie(name, value, "/"));
    }
}
