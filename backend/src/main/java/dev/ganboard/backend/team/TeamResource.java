package dev.ganboard.backend.team;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.auth.ApiKeys;
import dev.ganboard.backend.auth.Caller;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Who am I, API keys for myself, and (admins only) teams and users. */
@Path("/api/v1")
public class TeamResource {
    @Inject
    Caller caller;
    @Inject
    TeamService teams;
    @Inject
    ApiKeys apiKeys;

    public record Me(long userId, String username, long teamId, String team, boolean admin) {
    }

    public record NewTeam(String name) {
    }

    public record TeamSummary(long id, String name) {
    }

    public record NewUser(String team, String username, String password, boolean admin) {
    }

    public record UserSummary(long id, String username, String team, boolean admin) {
    }

    public record NewKey(String name) {
    }

    /** The plain key appears in this answer only. */
    public record IssuedKey(String name, String key) {
    }

    @GET
    @Path("/me")
    @Transactional
    public Me me() {
        Caller.Principal p = caller.get();
        return new Me(p.userId(), p.username(), p.teamId(), Team.<Team>findById(p.teamId()).name, p.admin());
    }

    @POST
    @Path("/teams")
    public Response createTeam(NewTeam body) {
        caller.requireAdmin();
        Team team = teams.createTeam(body == null ? null : body.name());
        return Response.status(201).entity(new TeamSummary(team.id, team.name)).build();
    }

    @POST
    @Path("/users")
    public Response createUser(NewUser body) {
        caller.requireAdmin();
        if (body == null) {
            throw ApiException.badRequest(null, "request body: a JSON object is required");
        }
        UserAccount user = teams.createUser(body.team(), body.username(), body.password(), body.admin());
        return Response.status(201).entity(new UserSummary(user.id, user.username, body.team(), user.admin)).build();
    }

    /** Issues a key for the calling user; admins may issue one for another user with {@code ?user=}. */
    @POST
    @Path("/api-keys")
    @Transactional
    public Response issueKey(NewKey body, @QueryParam("user") String username) {
        UserAccount owner;
        if (username != null && !username.equals(caller.get().username())) {
            caller.requireAdmin();
            owner = UserAccount.findByUsername(username).orElseThrow(
                    () -> ApiException.notFound("user '" + username + "'"));
        } else {
            owner = UserAccount.findById(caller.get().userId());
        }
        String name = body == null || body.name() == null ? "api key" : body.name();
        return Response.status(201).entity(new IssuedKey(name, apiKeys.issue(owner, name))).build();
    }

    /** The caller's keys (admins: another user's with {@code ?user=}); prefixes only, never the keys. */
    @GET
    @Path("/api-keys")
    @Transactional
    public List<ApiKeys.KeySummary> listKeys(@QueryParam("user") String username) {
        long userId = caller.get().userId();
        if (username != null && !username.equals(caller.get().username())) {
            caller.requireAdmin();
            userId = UserAccount.findByUsername(username).orElseThrow(
                    () -> ApiException.notFound("user '" + username + "'")).id;
        }
        return apiKeys.list(userId);
    }

    /** Revokes one of the caller's keys (admins: anyone's); refused everywhere within the key cache's lifetime. */
    @DELETE
    @Path("/api-keys/{id}")
    public ApiKeys.KeySummary revokeKey(@PathParam("id") long id) {
        return apiKeys.revoke(caller.get(), id);
    }
}
