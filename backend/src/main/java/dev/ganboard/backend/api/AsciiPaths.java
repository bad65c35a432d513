package dev.ganboard.backend.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API paths are ASCII (ids are ASCII digits, names are ASCII by rule). The REST layer converts path parameters with
 * {@link Long#valueOf}, which also reads "٣" or "３" as 3; such a path names nothing here and gets 404, after the
 * key was checked (so an anonymous caller still gets 401 first).
 */
public class AsciiPaths {

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Optional<Response> refuseNonAscii(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        return Optional.of(ApiExceptionMappers.json(404, "not found: the path has characters other than ASCII", null));
    }
}
