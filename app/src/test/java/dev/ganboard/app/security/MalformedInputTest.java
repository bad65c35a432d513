package dev.ganboard.app.security;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13 items 5 and 7: each of these bodies and paths once answered 500 or was read as something else. */
@QuarkusTest
class MalformedInputTest {
    private String key;
    private String project;
    private long projectId;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        project = TestApi.unique("malformed");
        projectId = TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "DCGAN", 1);
    }

    @Test
    void aFieldGivenTwiceIsRefusedOnEveryRecordBody() {
        String team = TestApi.unique("t");
        as(key).body("{\"name\":\"" + team + "\",\"name\":\"" + team + "x\"}").post("/api/v1/teams").then()
                .statusCode(400).body("error", containsString("malformed JSON"));
        as(key).body("{\"name\":\"a\",\"name\":\"b\"}").post("/api/v1/api-keys").then().statusCode(400);
        as(key).body("{\"name\":\"p1-" + team + "\",\"dataset\":\"x\",\"name\":\"p2-" + team + "\"}")
                .post("/api/v1/projects").then().statusCode(400);
        as(key).body("{\"project\":\"" + project + "\",\"variant\":\"A\",\"variant\":\"B\"}").post("/api/v1/runs")
                .then().statusCode(400);
        as(key).body("{\"project\":\"" + project + "\",\"variant\":\"A\",\"config\":{\"lr\":1,\"lr\":2}}")
                .post("/api/v1/runs").then().statusCode(400);
        as(key).body("{\"status\":\"failed\",\"status\":\"finished\"}").post("/api/v1/runs/" + runId + "/finish")
                .then().statusCode(400);
        as(key).get("/api/v1/runs/" + runId).then().statusCode(200).body("status", equalTo("running"));
        assertEquals(1, as(key).get("/api/v1/projects/" + project + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("id").size(), "no run was created by a refused body");
    }

    @Test
    void numbersAreNeverReadAsTextNorTruncated() {
        as(key).body("{\"name\": 1e309}").post("/api/v1/projects").then().statusCode(400)
                .body("field", equalTo("name"));
        as(key).body("{\"name\": 2.5}").post("/api/v1/projects").then().statusCode(400);
        as(key).get("/api/v1/projects/Infinity").then().statusCode(404);
        as(key).body(Map.of("project", project, "variant", "X", "seed", 1.5)).post("/api/v1/runs").then()
                .statusCode(400).body("field", equalTo("seed"));
        as(key).body("{\"project\":\"" + project + "\",\"variant\":\"X\",\"seed\":1e309}").post("/api/v1/runs")
                .then().statusCode(400);
        as(key).body("{\"step\":1,\"kind\":\"samples\",\"size\":1.5,\"sha256\":\"" + "0".repeat(64) + "\"}")
                .post("/api/v1/runs/" + runId + "/checkpoints").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void textsLongerThanTheirColumnAreRefusedBeforeTheDatabase() {
        as(key).body(Map.of("name", "k".repeat(101))).post("/api/v1/api-keys").then().statusCode(400)
                .body("field", equalTo("name")).body("error", containsString("100"));
        as(key).body(Map.of("name", "k".repeat(100))).post("/api/v1/api-keys").then().statusCode(201);
        as(key).body(Map.of("name", "tab\tin name")).post("/api/v1/api-keys").then().statusCode(400);
        as(key).body(Map.of("team", "t".repeat(5000), "username", TestApi.unique("u"), "password", "long enough"))
                .post("/api/v1/users").then().statusCode(400).body("field", equalTo("team"));
        as(key).body(Map.of("team", "default", "username", TestApi.unique("u"), "password", "p".repeat(201)))
                .post("/api/v1/users").then().statusCode(400).body("field", equalTo("password"));
        as(key).get("/api/v1/projects/" + "n".repeat(1000)).then().statusCode(404);
    }

    @Test
    void projectAndRunReferencesAreAsciiDigitsInRange() {
        as(key).get("/api/v1/projects/" + projectId).then().statusCode(200).body("name", equalTo(project));
        as(key).get("/api/v1/projects/" + "9".repeat(20)).then().statusCode(404);
        as(key).get("/api/v1/projects/" + "1".repeat(400)).then().statusCode(404);
        as(key).get("/api/v1/projects/" + "9".repeat(19)).then().statusCode(404);
        as(key).body(Map.of("project", "12345678901234567890123", "variant", "X")).post("/api/v1/runs").then()
                .statusCode(404);
        as(key).get("/api/v1/runs/" + "9".repeat(25)).then().statusCode(404);

        String arabicIndic = toDigits(projectId, '\u0660');
        String fullWidth = toDigits(projectId, '\uFF10');
        as(key).get("/api/v1/projects/" + arabicIndic).then().statusCode(404);
        as(key).get("/api/v1/projects/" + fullWidth).then().statusCode(404);
        as(key).body(Map.of("project", arabicIndic, "variant", "X")).post("/api/v1/runs").then().statusCode(404);
        as(key).get("/api/v1/runs/" + toDigits(runId, '\u0660')).then().statusCode(404);
        as(key).get("/api/v1/runs/" + runId).then().statusCode(200);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Project.findById(projectId)) != null);
    }

    @Test
    void aFormBodyToTheMetricsEndpointIs415WithoutAStackTrace() {
        List<LogRecord> traces = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (traces) {
                        traces.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (int i = 0; i < 3; i++) {
                io.restassured.RestAssured.given().header("Authorization", "Bearer " + key)
                        .contentType("application/x-www-form-urlencoded").body("seq=0&points=1")
                        .post("/api/v1/runs/" + runId + "/metrics").then().statusCode(415);
                io.restassured.RestAssured.given().header("Authorization", "Bearer " + key)
                        .contentType("text/plain").body("{\"seq\":0}")
                        .post("/api/v1/runs/" + runId + "/metrics").then().statusCode(415);
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (traces) {
            assertEquals(List.of(), traces.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                    "client errors log no stack traces");
        }
        assertEquals(0, TestApi.storedCount(key, runId, "points"));
    }

    private static String toDigits(long id, char zero) {
        StringBuilder text = new StringBuilder();
        for (char c : Long.toString(id).toCharArray()) {
            text.append((char) (zero + (c - '0')));
        }
        return text.toString();
    }
}
