package ai.alignet.api;

import ai.alignet.service.ControlPlaneSettings;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every HTTP route (REST API, OpenAPI document, metrics, web pages) needs the API token, checked
 * before anything runs: a wrong or missing token gets 401 and nothing is done.
 *
 * <p>Programs send {@code Authorization: Bearer TOKEN}. Browsers open a page once with
 * {@code ?token=TOKEN}; the answer sets an HttpOnly, SameSite=Strict cookie holding the token, so later
 * pages, links and auto-refreshes need no token in the address.
 */
@ApplicationScoped
public class TokenCheck {

    public static final String COOKIE = "alignet_token";

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    private void check(RoutingContext rc) {
        Optional<String> expected = ControlPlaneSettings.apiToken();
        String header = rc.request().getHeader("Authorization");
        String presented = null;
        boolean fromQuery = false;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (rc.request().getParam("token") != null) {
            presented = rc.request().getParam("token");
            fromQuery = true;
        } else if (rc.request().getCookie(COOKIE) != null) {
            presented = rc.request().getCookie(COOKIE).getValue();
        }
        if (expected.isEmpty() || presented == null || !matches(expected.get(), presented)) {
            String why = expected.isEmpty() ? "the server has no API token configured (set ALIGNET_API_TOKEN)"
                    : presented == null ? "missing token: send 'Authorization: Bearer <ALIGNET_API_TOKEN>'"
                    : "wrong token";
            rc.response().setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("WWW-Authenticate", "Bearer realm=\"alignet\"")
                    .end("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"" + why + "\"}");
            return;
        }
        if (fromQuery) {
            rc.response().addCookie(Cookie.cookie(COOKIE, presented).setHttpOnly(true).setPath("/")
                    .setSameSite(CookieSameSite.STRICT));
        }
        rc.next();
    }

    private static boolean matches(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
