package dev.ganboard.backend.auth;

import dev.ganboard.backend.team.UserAccount;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Browser login (form authentication) against the users table with bcrypt. An unknown user name costs the same
 * bcrypt check as a known one (against a hash of a random password), so the answer time does not tell which names
 * exist; failures are throttled per name and per address ({@link LoginThrottle}).
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash(Hashing.randomToken(18));

    @Inject
    LoginThrottle throttle;
    @Inject
    Logouts logouts;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        String address = addressOf(request);
        return context.runBlocking(() -> {
            if (throttle.waitSeconds(username, address) > 0) {
                throw new AuthenticationFailedException("too many failed logins; try again later");
            }
            String password = new String(request.getPassword().getPassword());
            Optional<Known> user = QuarkusTransaction.requiringNew().call(() -> UserAccount.findByUsername(username)
                    .map(u -> new Known(u.passwordHash, UserIdentities.of(u))));
            boolean matches = BcryptUtil.matches(password, user.map(Known::passwordHash).orElse(UNKNOWN_USER_HASH));
            if (user.isEmpty() || !matches) {
                throttle.failed(username, address);
                throw new AuthenticationFailedException("wrong username or password");
            }
            throttle.succeeded(username);
            logouts.loggedIn(username);
            return user.get().identity();
        });
    }

    private record Known(String passwordHash, SecurityIdentity identity) {
    }

    private static String addressOf(UsernamePasswordAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return rc == null || rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
    }
}
