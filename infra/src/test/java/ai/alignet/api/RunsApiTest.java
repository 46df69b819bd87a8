package ai.alignet.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST API end to end against the real Temporal dev server, an S3 server and in-process workers:
 * every endpoint, its 401 without the token, and its 4xx answers to bad input.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStack.class)
class RunsApiTest {

    private static RequestSpecification authorised() {
        return given().auth().oauth2(ControlPlaneStack.TOKEN);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST, /api/runs",
        "GET, /api/runs",
        "GET, /api/runs/some-run",
        "POST, /api/runs/some-run/cancel",
        "POST, /api/runs/some-run/resume",
        "GET, /api/runs/some-run/artifacts",
        "GET, /api/runs/some-run/report",
        "GET, /q/openapi",
        "GET, /q/metrics",
        "GET, /",
        "GET, /runs/some-run",
    })
    void everyRouteAnswers401WithoutTheRightToken(String method, String path) {
        given().body("{\"preset\": \"synthetic-tiny\"}").contentType("application/json")
                .when().request(method, path)
                .then().statusCode(401).body("message", containsString("missing token"));
        given().auth().oauth2("not-the-token").body("{\"preset\": \"synthetic-tiny\"}").contentType("application/json")
                .when().request(method, path)
                .then().statusCode(401).body("message", containsString("wrong token"));
        given().queryParam("token", "not-the-token").when().request(method, path).then().statusCode(401);
    }

    @Test
    void aRefusedStartStartsNothing() throws Exception {
        given().auth().oauth2("not-the-token").contentType("application/json")
                .body("{\"preset\": \"synthetic-tiny\", \"name\": \"refused-probe\"}")
                .when().post("/api/runs").then().statusCode(401);
        // A run started afterwards shows up in the list; the refused one never does.
        String later = ApiRuns.completed("api-tiny");
        assertThat(ApiRuns.listedWith(later, Map.of())).isTrue();
        List<String> ids = authorised().queryParam("limit", 1000).when().get("/api/runs")
                .then().statusCode(200).extract().jsonPath().getList("workflowId", String.class);
        assertThat(ids).noneMatch(id -> id.contains("refused-probe"));
    }

    @Test
    void badSpecsAre400WithEveryBadField() {
        authorised().contentType("application/json")
                .body("{\"preset\": \"no-such-preset\", \"seed\": \"x\", \"colour\": 1}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("bad_request"))
                .body("fields", hasItem(containsString("preset")))
                .body("fields", hasItem(containsString("seed")))
                .body("fields", hasItem(containsString("colour")));
        authorised().contentType("application/json").body("{\"preset\": ")
                .when().post("/api/runs")
                .then().statusCode(400).body("message", containsString("not valid JSON"));
        authorised().contentType("application/json").body("")
                .when().post("/api/runs")
                .then().statusCode(400).body("message", containsString("empty"));
        authorised().contentType("application/json").body("[1, 2]")
                .when().post("/api/runs")
                .then().statusCode(400).body("message", containsString("JSON object"));
    }

    @Test
    void badFiltersAndIdsAre4xxWithAMessage() {
        authorised().queryParam("student", "x' OR 1=1").when().get("/api/runs")
                .then().statusCode(400).body("fields[0]", containsString("AlignetStudent"));
        authorised().queryParam("status", "sleeping").when().get("/api/runs")
                .then().statusCode(400).body("fields[0]", containsString("status"));
        authorised().queryParam("limit", 0).when().get("/api/runs").then().statusCode(400);
        authorised().queryParam("limit", "many").when().get("/api/runs").then().statusCode(400)
                .body("fields[0]", containsString("limit"));
        authorised().when().get("/api/runs/no-such-run").then().statusCode(404).body("message", containsString("no-such-run"));
        authorised().when().post("/api/runs/no-such-run/cancel").then().statusCode(404);
        authorised().when().post("/api/runs/no-such-run/resume").then().statusCode(404);
        authorised().when().get("/api/runs/no-such-run/artifacts").then().statusCode(404);
        authorised().when().get("/api/runs/no-such-run/report").then().statusCode(404);
        authorised().when().get("/api/runs/bad%20id").then().statusCode(400);
        authorised().when().get("/api/nothing-here").then().statusCode(404);
        authorised().when().delete("/api/runs").then().statusCode(405);
    }

    @Test
    void aCompletedRunHasProgressReportArtifactsAndIsListedBySearchAttributes() throws Exception {
        String id = ApiRuns.completed("api-tiny");

        JsonPath run = authorised().when().get("/api/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("run.status")).isEqualTo("completed");
        assertThat(run.getString("run.stage")).isEqualTo("done");
        assertThat(run.getString("run.student")).isEqualTo("student-a");
        assertThat(run.getList("progress.stages.status", String.class)).hasSize(7).containsOnly("done");
        assertThat(run.getString("report.workflowId")).isEqualTo(id);
        assertThat(run.getString("reportJson.sha256")).hasSize(64);

        assertThat(ApiRuns.listedWith(id, Map.of("student", "student-a", "teacher", "synthetic-teacher", "stage", "done")))
                .isTrue();
        String digest = run.getString("run.specDigest");
        assertThat(ApiRuns.listedWith(id, Map.of("specDigest", digest, "status", "completed"))).isTrue();
        List<String> otherStudent = authorised().queryParam("student", "student-z").when().get("/api/runs")
                .then().statusCode(200).extract().jsonPath().getList("workflowId", String.class);
        assertThat(otherStudent).doesNotContain(id);

        JsonPath artifacts = authorised().when().get("/api/runs/" + id + "/artifacts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(artifacts.getList("steps.stage", String.class))
                .contains("prepare", "embed", "teacher", "cluster", "label", "distill", "evaluate");
        String model = artifacts.getString("steps.find { it.stage == 'distill' }.outputs.find { it.name == 'model' }.ref.key");
        assertThat(model).startsWith("stages/distill/");
        assertThat(artifacts.getList("steps.find { it.stage == 'distill' }.inputs")).isNotEmpty();

        String reportJson = authorised().when().get("/api/runs/" + id + "/report").then().statusCode(200)
                .contentType(containsString("json")).extract().asString();
        assertThat(reportJson).contains(id);
        authorised().queryParam("format", "html").when().get("/api/runs/" + id + "/report").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<html"));
        authorised().queryParam("format", "pdf").when().get("/api/runs/" + id + "/report").then().statusCode(400)
                .body("fields[0]", containsString("format"));

        authorised().when().post("/api/runs/" + id + "/cancel").then().statusCode(409)
                .body("message", containsString("completed"));
    }

    @Test
    void resumeStartsANewRunThatReusesEveryFinishedStage() throws Exception {
        String first = ApiRuns.completed("api-tiny");
        String second = authorised().when().post("/api/runs/" + first + "/resume").then().statusCode(201)
                .body("resumedFrom", org.hamcrest.Matchers.equalTo(first)).extract().path("workflowId");
        assertThat(second).isNotEqualTo(first);
        JsonPath run = ApiRuns.awaitClosed(second);
        assertThat(run.getString("run.status")).isEqualTo("completed");
        assertThat(run.getInt("cachedStages")).isEqualTo(7);
        assertThat(run.getString("run.specDigest")).isEqualTo(
                authorised().when().get("/api/runs/" + first).then().extract().path("run.specDigest"));
    }

    @Test
    void cancelStopsARunningRun() throws Exception {
        String id = ApiRuns.start("{\"preset\": \"synthetic-tiny\", \"name\": \"api-cancel\", \"seed\": 99}");
        authorised().when().post("/api/runs/" + id + "/cancel").then().statusCode(202)
                .body("status", containsString("cancel"));
        JsonPath run = ApiRuns.awaitClosed(id);
        assertThat(run.getString("run.status")).isEqualTo("canceled");
        assertThat(run.getString("failure")).isNotBlank();
    }

    @Test
    void openApiAndMetricsAreServed() throws Exception {
        authorised().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs/{id}/artifacts"));
        ApiRuns.completed("api-tiny");
        String metrics = authorised().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("alignet_runs_started_total");
        // The Temporal SDK's client metrics, reported through the same registry.
        assertThat(metrics).containsPattern("temporal_request[a-z_]*\\{");
    }

    @Test
    void pagesTakeTheTokenOnceAndThenUseTheCookie() throws Exception {
        String id = ApiRuns.completed("api-tiny");
        var first = given().queryParam("token", ControlPlaneStack.TOKEN).when().get("/").then().statusCode(200)
                .body(containsString(id)).extract();
        String cookie = first.cookie(TokenCheck.COOKIE);
        assertThat(cookie).isEqualTo(ControlPlaneStack.TOKEN);
        assertThat(first.detailedCookie(TokenCheck.COOKIE).isHttpOnly()).isTrue();
        given().cookie(TokenCheck.COOKIE, cookie).when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("id=\"stages\""))
                .body(containsString("id=\"agreement\""))
                .body(containsString("id=\"loss\""))
                .body(containsString("id=\"lineage\""));
        given().cookie(TokenCheck.COOKIE, cookie).when().get("/runs/no-such-run").then().statusCode(404)
                .body(containsString("no-such-run"));
        given().cookie(TokenCheck.COOKIE, cookie).queryParam("student", "a'b").when().get("/").then().statusCode(400)
                .body(notNullValue());
    }
}
