package dev.ganboard.backend.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser logout. The user's login cookies are ended on the server ({@link Logouts}: a copy kept elsewhere no
 * longer logs anyone in), the browser drops both cookies, and the views discard a Vaadin session whose request no
 * longer carries its login (so an old JSESSIONID alone opens nothing either).
 */
@Path("/logout")
public class LogoutResource {
    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;
    @Inject
    SecurityIdentity identity;
    @Inject
    Logouts logouts;

    @GET
    public Response logout() {
        if (!identity.isAnonymous()) {
            logouts.loggedOut(identity.getPrincipal().getName());
        }
        return Response.seeOther(URI.create("/login")).cookie(expired(cookieName), expired("JSESSIONID")).build();
    }

    @POST
    public Response logoutByPost() {
        return logout();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).path("/").maxAge(0).value("").httpOnly(true).build();
    }
}
