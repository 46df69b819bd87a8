package ai.alignet.web;

import ai.alignet.report.SvgCharts;
import ai.alignet.service.InvalidRequestException;
import ai.alignet.service.RunConflictException;
import ai.alignet.service.RunFilter;
import ai.alignet.service.RunNotFoundException;
import ai.alignet.service.RunService;
import ai.alignet.service.RunSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The web pages: the runs list at {@code /} and one page per run at {@code /runs/{id}}. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class PagesResource {

    @Inject
    RunService runs;

    @Inject
    RunPage runPage;

    @GET
    @Operation(summary = "Web page: the runs list (filters as on GET /api/runs)")
    public Response index(@QueryParam("teacher") String teacher, @QueryParam("student") String student,
            @QueryParam("stage") String stage, @QueryParam("specDigest") String specDigest,
            @QueryParam("status") String status) {
        RunFilter filter = new RunFilter(teacher, student, stage, specDigest, status);
        String body;
        int code = 200;
        try {
            body = RunsPage.render(runs.list(filter, 100), filter, null);
        } catch (InvalidRequestException e) {
            code = 400;
            body = RunsPage.render(List.<RunSummary>of(), filter, e.getMessage() + ": " + String.join("; ", e.fields()));
        } catch (RunConflictException e) {
            body = RunsPage.render(List.<RunSummary>of(), filter, e.getMessage());
        }
        return Response.status(code).entity(body).build();
    }

    @GET
    @Path("runs/{id}")
    @Operation(summary = "Web page: one run, with live progress, charts and lineage")
    public Response run(@PathParam("id") String id) {
        try {
            return Response.ok(runPage.render(id)).build();
        } catch (RunNotFoundException | InvalidRequestException e) {
            int code = e instanceof RunNotFoundException ? 404 : 400;
            return Response.status(code).entity(Layout.page("run not found", "<p class=\"error\">"
                    + SvgCharts.esc(e.getMessage()) + "</p><p><a href=\"/\">all runs</a></p>", false)).build();
        }
    }
}
