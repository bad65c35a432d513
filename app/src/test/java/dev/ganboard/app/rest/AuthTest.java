package dev.ganboard.app.rest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest {
    private String project;
    private long projectId;
    private long runId;
    private String otherTeamKey;
    @jakarta.inject.Inject
    dev.ganboard.backend.auth.KeyCache keyCache;

    @BeforeEach
    void setUp() {
        project = TestApi.unique("secret");
        projectId = TestApi.createProject(adminKey(), project);
        runId = TestApi.createRun(adminKey(), project, "WGAN-GP", 1);
        String team = TestApi.unique("rivals");
        otherTeamKey = TestApi.newTeamKey(team, TestApi.unique("eve"), "correct horse battery");
    }

    @Test
    void noKeyIsUnauthorizedWithAChallenge() {
        given().get("/api/v1/projects").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", containsString("Authorization"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/projects").then().statusCode(401);
    }

    @Test
    void wrongKeyIsUnauthorized() {
        as("gbk_this-key-was-never-issued-by-the-server").get("/api/v1/projects").then().statusCode(401)
                .body("error", equalTo("invalid or revoked API key"));
        String real = adminKey();
        String tampered = real.substring(0, real.length() - 2) + (real.endsWith("A") ? "BB" : "AA");
        as(tampered).get("/api/v1/projects").then().statusCode(401);
    }

    @Test
    void aWrongKeyWithALargeMetricBatchIsRefused() {
        String body = "{\"seq\":0,\"points\":[" + "{\"key\":\"loss/D\",\"step\":1,\"value\":0.5},".repeat(100_000)
                + "{\"key\":\"loss/D\",\"step\":2,\"value\":0.5}]}";
        as("gbk_this-key-was-never-issued-by-the-server").body(body).post("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(401).body("error", equalTo("invalid or revoked API key"));
        given().body(body).contentType("application/json").post("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(401);
        assertEquals(0, TestApi.storedCount(adminKey(), runId, "loss/D"));
    }

    @Test
    void aValidKeyNotSeenBeforeCanSendAMetricBatchFirst() {
        keyCache.invalidateAll();
        TestApi.logBatch(adminKey(), runId, 0, List.of(point("loss/D", 1, 0.5), point("loss/D", 2, 0.25)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> TestApi.storedCount(adminKey(), runId, "loss/D") == 2);
    }

    @Test
    void anotherTeamSeesNothingOfThisTeam() {
        as(otherTeamKey).get("/api/v1/projects").then().statusCode(200).body("name", not(hasItem(project)));
        as(otherTeamKey).get("/api/v1/projects/" + project).then().statusCode(404)
                .body("error", not(containsString("team")));
        as(otherTeamKey).get("/api/v1/projects/" + projectId).then().statusCode(404);
        as(otherTeamKey).get("/api/v1/projects/" + projectId + "/runs").then().statusCode(404);
        as(otherTeamKey).get("/api/v1/runs/" + runId).then().statusCode(404);
        as(otherTeamKey).queryParam("key", "loss").get("/api/v1/runs/" + runId + "/metrics").then().statusCode(404);
        as(otherTeamKey).body(Map.of("seq", 0, "points", List.of(point("loss", 0, 1.0))))
                .post("/api/v1/runs/" + runId + "/metrics").then().statusCode(404);
        as(otherTeamKey).body(Map.of("project", project, "variant", "X")).post("/api/v1/runs").then().statusCode(404);
        as(otherTeamKey).post("/api/v1/runs/" + runId + "/finish").then().statusCode(404);
        // and the run is untouched
        as(adminKey()).get("/api/v1/runs/" + runId).then().statusCode(200).body("status", equalTo("running"));
    }

    @Test
    void onlyAdminsManageTeamsAndUsers() {
        as(otherTeamKey).body(Map.of("name", TestApi.unique("t"))).post("/api/v1/teams").then().statusCode(403);
        as(otherTeamKey).body(Map.of("team", "default", "username", "mallory", "password", "12345678"))
                .post("/api/v1/users").then().statusCode(403);
        as(otherTeamKey).queryParam("user", "admin").post("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void aUserCanIssueKeysForThemselvesAndTheyWork() {
        String second = as(otherTeamKey).body(Map.of("name", "laptop")).post("/api/v1/api-keys").then().statusCode(201)
                .body("key", not(emptyOrNullString())).extract().path("key");
        as(second).get("/api/v1/me").then().statusCode(200).body("admin", equalTo(false));
    }
}
