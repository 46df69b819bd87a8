package ai.alignet.api;

import ai.alignet.service.InvalidRequestException;
import ai.alignet.service.RunConflictException;
import ai.alignet.service.RunNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become answers: input the caller can fix is a 4xx naming what to fix; anything
 * else is a 500 with an incident id to find in the log, never a class name or stack trace.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof InvalidRequestException bad) {
            return answer(400, "bad_request", bad.getMessage(), bad.fields());
        }
        if (e instanceof RunNotFoundException missing) {
            return answer(404, "not_found", missing.getMessage(), List.of());
        }
        if (e instanceof RunConflictException conflict) {
            return answer(409, "conflict", conflict.getMessage(), List.of());
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String reason = web.getResponse().getStatusInfo().getReasonPhrase().toLowerCase().replace(' ', '_');
            return answer(status, reason, "request refused: " + web.getResponse().getStatusInfo().getReasonPhrase()
                    + " (see the OpenAPI document at /q/openapi)", List.of());
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("event=api_error incident={}", incident, e);
        return answer(500, "internal_error", "the server failed (incident " + incident + "); see its log", List.of());
    }

    private static Response answer(int status, String error, String message, List<String> fields) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, error, message, fields)).build();
    }
}
