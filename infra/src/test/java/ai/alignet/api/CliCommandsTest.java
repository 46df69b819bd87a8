package ai.alignet.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.cli.AlignetCommand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code alignet runs} and {@code alignet lineage} against the dev server with a finished run. */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStack.class)
class CliCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    @Test
    void runsListsTheRunByStudentAndNotByAnotherTeacher() throws Exception {
        String id = ApiRuns.completed("api-tiny");
        assertThat(ApiRuns.listedWith(id, java.util.Map.of("student", "student-a"))).isTrue();
        Result byStudent = cli("runs", "--student", "student-a");
        assertThat(byStudent.exit).isZero();
        assertThat(byStudent.out).contains("RUN").contains(id).contains("synthetic-teacher");
        Result other = cli("runs", "--teacher", "another-teacher");
        assertThat(other.out).doesNotContain(id);
        Result bad = cli("runs", "--student", "x' OR 'y");
        assertThat(bad.exit).isEqualTo(2);
    }

    @Test
    void lineageTracesAStudentModelBackToThePreparedWorld() throws Exception {
        String id = ApiRuns.completed("api-tiny");
        Result run = cli("lineage", id);
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("distill").contains("wrote model").contains("stages/prepare/");

        JsonPath artifacts = io.restassured.RestAssured.given().auth().oauth2(ControlPlaneStack.TOKEN)
                .when().get("/api/runs/" + id + "/artifacts").then().statusCode(200).extract().jsonPath();
        String model = artifacts.getString("steps.find { it.stage == 'distill' }.outputs.find { it.name == 'model' }.ref.key");
        Result chain = cli("lineage", model, "--run", id);
        assertThat(chain.exit).isZero();
        assertThat(chain.out).contains("artifact " + model + " was written by run " + id)
                .contains("distill").contains("label").contains("cluster").contains("teacher").contains("embed")
                .contains("prepare");
        Result unknown = cli("lineage", "stages/distill/nothing/model.zip", "--run", id);
        assertThat(unknown.exit).isEqualTo(2);
    }

    private record Result(int exit, String out) {}

    private Result cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(AlignetCommand.class, factory).execute(args);
            return new Result(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
