package dev.ganboard.backend.compare;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/api/v1/projects/{ref}/curves")
public class CompareResource {
    @Inject
    Caller caller;
    @Inject
    ProjectService projects;
    @Inject
    VariantCurves curves;

    /** Per variant, the mean curve of its seeds with a min–max band: {@code ?key=loss/D&buckets=200}. */
    @GET
    public VariantCurves.Curves get(@PathParam("ref") String ref, @QueryParam("key") String key,
                                    @QueryParam("buckets") Integer buckets) {
        long projectId = projects.find(caller.teamId(), ref).id;
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("key", "key: required, e.g. ?key=loss/D");
        }
        int n = buckets == null ? 200 : buckets;
        if (n < 1 || n > 2000) {
            throw ApiException.badRequest("buckets", "buckets: between 1 and 2000");
        }
        return curves.of(projectId, key, n);
    }
}
