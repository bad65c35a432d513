package dev.ganboard.app.rest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /runs with an Idempotency-Key: a retry gets the run of the first attempt, never a second run. */
@QuarkusTest
class RunIdempotencyTest {
    private String key;
    private String project;

    @BeforeEach
    void setUp() {
        key = adminKey();
        project = TestApi.unique("idem");
        TestApi.createProject(key, project);
    }

    private io.restassured.response.ValidatableResponse create(String project, String idempotencyKey, long seed) {
        var request = as(key).body(Map.of("project", project, "variant", "NS-GAN", "seed", seed));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/runs").then();
    }

    private int runsIn(String project) {
        return as(key).get("/api/v1/projects/" + project + "/runs").then().statusCode(200).extract().jsonPath()
                .getList("id").size();
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameRun() {
        String idem = UUID.randomUUID().toString();
        long first = create(project, idem, 1).statusCode(201).extract().jsonPath().getLong("id");
        create(project, idem, 1).statusCode(200).body("id", equalTo((int) first)).body("variant", equalTo("NS-GAN"));
        assertEquals(1, runsIn(project));

        long other = create(project, UUID.randomUUID().toString(), 1).statusCode(201).extract().jsonPath().getLong("id");
        assertNotEquals(first, other, "a new key is a new run");
        long withoutKey1 = create(project, null, 1).statusCode(201).extract().jsonPath().getLong("id");
        long withoutKey2 = create(project, null, 1).statusCode(201).extract().jsonPath().getLong("id");
        assertNotEquals(withoutKey1, withoutKey2, "without a key every request creates a run, as before");
        assertEquals(4, runsIn(project));
    }

    @Test
    void theKeyIsScopedToTheProjectAndItsTeam() {
        String idem = UUID.randomUUID().toString();
        long here = create(project, idem, 1).statusCode(201).extract().jsonPath().getLong("id");
        String elsewhere = TestApi.unique("idem-other");
        TestApi.createProject(key, elsewhere);
        long there = create(elsewhere, idem, 1).statusCode(201).extract().jsonPath().getLong("id");
        assertNotEquals(here, there);

        String team = TestApi.unique("idem-team");
        String otherKey = TestApi.newTeamKey(team, TestApi.unique("idem-user"), "password-" + team);
        as(otherKey).body(Map.of("name", project)).post("/api/v1/projects").then().statusCode(201);
        long otherTeam = as(otherKey).body(Map.of("project", project, "variant", "NS-GAN", "seed", 1))
                .header("Idempotency-Key", idem).post("/api/v1/runs").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        assertNotEquals(here, otherTeam, "another team's project of the same name shares nothing");
    }

    @Test
    void aKeyReusedForADifferentRunOrMalformedIsRefused() {
        String idem = UUID.randomUUID().toString();
        create(project, idem, 1).statusCode(201);
        create(project, idem, 2).statusCode(409).body("field", equalTo("Idempotency-Key"))
                .body("error", containsString("already used"));
        create(project, "x".repeat(201), 1).statusCode(400).body("field", equalTo("Idempotency-Key"));
        create(project, "has space", 1).statusCode(400).body("field", equalTo("Idempotency-Key"));
        assertEquals(1, runsIn(project));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneRun() throws Exception {
        String idem = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Long> call = () -> create(project, idem, 7).statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract().jsonPath().getLong("id");
                answers.add(pool.submit(call));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : answers) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "every request got the same run: " + ids);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, runsIn(project));
    }
}
