package dev.ganboard.backend.auth;

import dev.ganboard.backend.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every /api/v1 call carries {@code Authorization: Bearer <key>}; no key or a wrong one gets 401 and nothing else. */
public class ApiKeyAuthFilter {
    @Inject
    ApiKeys apiKeys;
    @Inject
    Caller caller;
    @Inject
    KeyCache cache;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Optional.of(unauthorized("missing Authorization header (expected: Bearer <api key>)"));
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("Authorization header must use the Bearer scheme"));
        }
        String key = header.substring(7).trim();
        Optional<Caller.Principal> principal = cache.get(key, () -> apiKeys.resolve(key));
        if (principal.isEmpty()) {
            return Optional.of(unauthorized("invalid or revoked API key"));
        }
        caller.set(principal.get());
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ganboard\"")
                .type(MediaType.APPLICATION_JSON).entity(new ApiError(401, message, null)).build();
    }
}
