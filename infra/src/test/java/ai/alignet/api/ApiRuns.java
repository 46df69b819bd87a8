package ai.alignet.api;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Starting runs through the API and waiting for them, shared by the control-plane tests. */
final class ApiRuns {

    private static final Map<String, String> COMPLETED = new ConcurrentHashMap<>();

    private ApiRuns() {}

    static String start(String spec) {
        return given().auth().oauth2(ControlPlaneStack.TOKEN).contentType("application/json").body(spec)
                .when().post("/api/runs")
                .then().statusCode(201).extract().path("workflowId");
    }

    /** Polls GET /api/runs/{id} until the run leaves "running"; returns the last description. */
    static JsonPath awaitClosed(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 8L * 60 * 1_000_000_000L;
        while (true) {
            JsonPath run = given().auth().oauth2(ControlPlaneStack.TOKEN).when().get("/api/runs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (!run.getString("run.status").equals("running") || System.nanoTime() > deadline) {
                return run;
            }
            Thread.sleep(1000);
        }
    }

    /** One completed tiny run per name, started the first time a test asks for it. */
    static synchronized String completed(String name) throws InterruptedException {
        String id = COMPLETED.get(name);
        if (id == null) {
            id = start("{\"preset\": \"synthetic-tiny\", \"name\": \"" + name + "\"}");
            JsonPath run = awaitClosed(id);
            if (!run.getString("run.status").equals("completed")) {
                throw new AssertionError("run " + id + " ended " + run.getString("run.status") + ": " + run.getString("failure"));
            }
            COMPLETED.put(name, id);
        }
        return id;
    }

    /** Polls the visibility list until the run shows up with the given filter (listing is eventually consistent). */
    static boolean listedWith(String id, Map<String, String> filter) throws InterruptedException {
        long deadline = System.nanoTime() + 30L * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            var ids = given().auth().oauth2(ControlPlaneStack.TOKEN).queryParams(filter).when().get("/api/runs")
                    .then().statusCode(200).extract().jsonPath().getList("workflowId", String.class);
            if (ids.contains(id)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
