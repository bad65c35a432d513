package dev.ganboard.backend.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import dev.ganboard.backend.config.GanboardConfig;

/**
 * Headers every answer carries (docs/security.md): a Content-Security-Policy that Vaadin Flow works under (its
 * bootstrap and Lit styles are inline, push goes to the same origin), no framing by other sites, no MIME sniffing;
 * and the session cookies (Vaadin's JSESSIONID, the login cookie) made HttpOnly and SameSite=Lax, plus Secure
 * when the request came over HTTPS or {@code ganboard.security.secure-cookies} says a TLS proxy is in front.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final List<String> SESSION_COOKIES = List.of("JSESSIONID=", "quarkus-credential=");

    @Inject
    GanboardConfig config;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        boolean secure = config.security().secureCookies() || rc.request().isSSL();
        rc.addHeadersEndHandler(v -> {
            HttpServerResponse response = rc.response();
            response.headers().set("Content-Security-Policy", CSP);
            response.headers().set("X-Frame-Options", "DENY");
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set("Referrer-Policy", "same-origin");
            List<String> cookies = response.headers().getAll(HttpHeaders.SET_COOKIE);
            if (!cookies.isEmpty()) {
                response.headers().remove(HttpHeaders.SET_COOKIE);
                for (String cookie : cookies) {
                    response.headers().add(HttpHeaders.SET_COOKIE, harden(cookie, secure));
                }
            }
        });
        rc.next();
    }

    static String harden(String cookie, boolean secure) {
        if (SESSION_COOKIES.stream().noneMatch(cookie::startsWith)) {
            return cookie;
        }
        String lower = cookie.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(cookie);
        if (!lower.contains("; httponly")) {
            out.append("; HttpOnly");
        }
        if (!lower.contains("; samesite")) {
            out.append("; SameSite=Lax");
        }
        if (secure && !lower.contains("; secure")) {
            out.append("; Secure");
        }
        return out.toString();
    }
}
