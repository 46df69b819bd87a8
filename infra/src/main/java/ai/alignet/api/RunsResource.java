package ai.alignet.api;

import ai.alignet.service.LineageStep;
import ai.alignet.service.RunDetails;
import ai.alignet.service.RunFilter;
import ai.alignet.service.RunService;
import ai.alignet.service.RunSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The REST API over runs; thin, everything happens in {@link RunService}. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    @Inject
    RunService runs;

    public record Started(String workflowId) {}

    public record Resumed(String workflowId, String resumedFrom) {}

    public record Cancelling(String workflowId, String status) {}

    public record Artifacts(String workflowId, List<LineageStep> steps) {}

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Operation(summary = "Start a run from a spec, e.g. {\"preset\": \"synthetic-demo\"}; 400 lists every bad field")
    public Response start(@RequestBody(description = "the pipeline spec (docs/spec-reference.md)") String spec) {
        String id = runs.start(spec);
        return Response.status(201).entity(new Started(id)).header("Location", "/api/runs/" + id).build();
    }

    @GET
    @Operation(summary = "List runs (Temporal visibility), newest first, filtered by the run search attributes")
    public List<RunSummary> list(@QueryParam("teacher") String teacher, @QueryParam("student") String student,
            @QueryParam("stage") String stage, @QueryParam("specDigest") String specDigest,
            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") String limit) {
        return runs.list(new RunFilter(teacher, student, stage, specDigest, status), RunService.limit(limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A run's status, stage progress, cache hits, failure and (once completed) report")
    public RunDetails describe(@PathParam("id") String id) {
        return runs.describe(id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Request cancellation of a running run; 409 if it is not running")
    public Response cancel(@PathParam("id") String id) {
        runs.cancel(id);
        return Response.accepted(new Cancelling(id, "cancel requested")).build();
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Start a new run with the same spec; finished stages are served from the cache")
    public Response resume(@PathParam("id") String id) {
        String started = runs.resume(id);
        return Response.status(201).entity(new Resumed(started, id)).header("Location", "/api/runs/" + started).build();
    }

    @GET
    @Path("{id}/artifacts")
    @Operation(summary = "Every unit of stage work: its stage, cache key, input artifacts and output artifacts")
    public Artifacts artifacts(@PathParam("id") String id) {
        return new Artifacts(id, runs.lineage(id));
    }

    @GET
    @Path("{id}/report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "The run's report.json (format=json, default) or report.html (format=html)")
    public Response report(@PathParam("id") String id, @QueryParam("format") @DefaultValue("json") String format) {
        byte[] body = runs.report(id, format);
        return Response.ok(body, format.equals("html") ? MediaType.TEXT_HTML + ";charset=utf-8" : MediaType.APPLICATION_JSON)
                .build();
    }
}
