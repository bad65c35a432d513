package dev.ganboard.backend.auth;

import dev.ganboard.backend.team.UserAccount;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The security identity of a user, carrying the team so views can scope every query. */
public final class UserIdentities {
    public static final String PRINCIPAL = "ganboard.principal";

    private UserIdentities() {
    }

    static SecurityIdentity of(UserAccount user) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRole("user")
                .addAttribute(PRINCIPAL, new Caller.Principal(user.id, user.username, user.team.id, user.admin));
        if (user.admin) {
            identity.addRole("admin");
        }
        return identity.build();
    }

    public static Caller.Principal principalOf(SecurityIdentity identity) {
        return identity.getAttribute(PRINCIPAL);
    }
}
