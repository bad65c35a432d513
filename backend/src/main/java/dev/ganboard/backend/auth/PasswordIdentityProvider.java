package dev.ganboard.backend.auth;

import dev.ganboard.backend.team.UserAccount;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Browser login (form authentication) against the users table with bcrypt. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            String password = new String(request.getPassword().getPassword());
            UserAccount user = UserAccount.findByUsername(request.getUsername())
                    .filter(u -> BcryptUtil.matches(password, u.passwordHash))
                    .orElseThrow(() -> new AuthenticationFailedException("wrong username or password"));
            return UserIdentities.of(user);
        }));
    }
}
