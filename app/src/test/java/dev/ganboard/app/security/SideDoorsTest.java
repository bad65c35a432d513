package dev.ganboard.app.security;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13 item 6: keys can be listed and revoked (and are then refused at once), /q/* is closed to anonymous callers. */
@QuarkusTest
class SideDoorsTest {

    @Test
    void aRevokedKeyIsRefusedAtOnceAndListedAsRevoked() {
        String user = TestApi.unique("carol");
        String first = TestApi.newTeamKey(TestApi.unique("team"), user, "correct horse battery");
        String second = as(first).body(Map.of("name", "laptop")).post("/api/v1/api-keys").then().statusCode(201)
                .extract().path("key");
        as(second).get("/api/v1/me").then().statusCode(200); // now in the key cache
        long secondId = as(first).get("/api/v1/api-keys").then().statusCode(200)
                .body("name", hasItem("laptop")).body("prefix", hasItem(second.substring(0, 12)))
                .body("toString()", not(containsString(second)))
                .extract().jsonPath().getLong("find { it.name == 'laptop' }.id");

        as(first).delete("/api/v1/api-keys/" + secondId).then().statusCode(200).body("revoked", equalTo(true));
        as(second).get("/api/v1/me").then().statusCode(401).body("error", equalTo("invalid or revoked API key"));
        as(second).body(Map.of("name", "x")).post("/api/v1/projects").then().statusCode(401);
        as(first).get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.id == " + secondId + " }.revoked", equalTo(true));
        as(first).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void onlyTheOwnerOrAnAdminRevokesAKey() {
        String mallory = TestApi.newTeamKey(TestApi.unique("team"), TestApi.unique("mallory"), "correct horse battery");
        String victimUser = TestApi.unique("victim");
        String victim = TestApi.newTeamKey(TestApi.unique("team"), victimUser, "correct horse battery");
        long victimKeyId = as(victim).get("/api/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getLong("[0].id");
        as(mallory).delete("/api/v1/api-keys/" + victimKeyId).then().statusCode(404);
        as(mallory).queryParam("user", victimUser).get("/api/v1/api-keys").then().statusCode(403);
        as(victim).get("/api/v1/me").then().statusCode(200);
        as(adminKey()).queryParam("user", victimUser).get("/api/v1/api-keys").then().statusCode(200)
                .body("id", hasItem((int) victimKeyId));
        as(adminKey()).delete("/api/v1/api-keys/" + victimKeyId).then().statusCode(200);
        as(victim).get("/api/v1/me").then().statusCode(401);
        as(adminKey()).delete("/api/v1/api-keys/99999999").then().statusCode(404);
    }

    @Test
    void managementEndpointsNeedAKeyButTheProbesDoNot() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().get("/q/swagger-ui/").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/health/../openapi").then().statusCode(401);
        as("gbk_this-key-was-never-issued-by-the-server").get("/q/openapi").then().statusCode(401);
        as(adminKey()).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void everyAnswerCarriesTheBrowserSecurityHeaders() {
        for (String path : new String[] {"/login", "/api/v1/projects", "/q/health/ready"}) {
            given().redirects().follow(false).get(path).then()
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }
}
