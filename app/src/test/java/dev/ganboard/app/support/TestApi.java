package dev.ganboard.app.support;

import static io.restassured.RestAssured.given;

import dev.ganboard.backend.auth.AdminBootstrap;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Small REST helpers for tests: the admin's key from $GANBOARD_HOME, teams, users, projects, runs, batches. */
public final class TestApi {
    private TestApi() {
    }

    public static String adminKey() {
        Path home = Path.of(ConfigProvider.getConfig().getValue("ganboard.home", String.class));
        try {
            return Files.readString(home.resolve(AdminBootstrap.API_KEY_FILE)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON of a response with numbers as doubles (RestAssured's default is float). */
    public static JsonPath json(String body) {
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a team with one user and returns that user's API key. */
    public static String newTeamKey(String teamName, String username, String password) {
        as(adminKey()).body(Map.of("name", teamName)).post("/api/v1/teams").then().statusCode(201);
        as(adminKey()).body(Map.of("team", teamName, "username", username, "password", password, "admin", false))
                .post("/api/v1/users").then().statusCode(201);
        return as(adminKey()).body(Map.of("name", "test")).queryParam("user", username)
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    public static long createProject(String key, String name) {
        return as(key).body(Map.of("name", name, "dataset", "ring8", "description", "test project"))
                .post("/api/v1/projects").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long createRun(String key, String project, String variant, long seed) {
        return as(key).body(Map.of("project", project, "variant", variant, "seed", seed, "config", Map.of("lr", 2e-4)))
                .post("/api/v1/runs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static Map<String, Object> point(String key, long step, double value) {
        return Map.of("key", key, "step", step, "value", value);
    }

    public static void logBatch(String apiKey, long runId, long seq, List<Map<String, Object>> points) {
        as(apiKey).body(Map.of("seq", seq, "points", points)).post("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(202);
    }

    public static long storedCount(String apiKey, long runId, String key) {
        return as(apiKey).queryParam("key", key).get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().jsonPath().getLong("count");
    }
}
