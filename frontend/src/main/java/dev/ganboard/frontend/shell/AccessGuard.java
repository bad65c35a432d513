package dev.ganboard.frontend.shell;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.auth.Logouts;
import dev.ganboard.backend.team.UserAccount;
import dev.ganboard.frontend.login.LoginView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Every view but the login page needs a logged-in user; the user's team scopes everything the views show.
 *
 * <p>The browser session (JSESSIONID) belongs to the login that first used it: when a login first enters a view,
 * the session gets a new id (a session id planted before the login is worth nothing), and a session whose request
 * no longer carries that login (logged out, or another user's cookie) is discarded.
 */
@ApplicationScoped
public class AccessGuard {
    @Inject
    Logouts logouts;

    void install(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == LoginView.class) {
            return;
        }
        Optional<String> login = loginOfRequest();
        Optional<Caller.Principal> current = CurrentUser.get();
        if (current.isPresent() && !login.equals(current.map(Caller.Principal::username))) {
            endSession();
            event.forwardTo(LoginView.class);
            return;
        }
        if (current.isEmpty() && login.isPresent()) {
            VaadinService.reinitializeSession(VaadinRequest.getCurrent());
            resolve(login.get()).ifPresent(CurrentUser::set);
        }
        if (CurrentUser.get().isEmpty()) {
            event.forwardTo(LoginView.class);
        }
    }

    /** Whose login cookie the request carries, unless that login was ended by a logout. */
    private Optional<String> loginOfRequest() {
        VaadinRequest request = VaadinRequest.getCurrent();
        Principal principal = request == null ? null : request.getUserPrincipal();
        return Optional.ofNullable(principal).map(Principal::getName).filter(name -> !logouts.ended(name));
    }

    private static Optional<Caller.Principal> resolve(String username) {
        return QuarkusTransaction.requiringNew().call(() -> UserAccount.findByUsername(username)
                .map(u -> new Caller.Principal(u.id, u.username, u.team.id, u.admin)));
    }

    /** Logout and mismatches: the server forgets the session, whatever the browser still holds. */
    static void endSession() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return;
        }
        session.setAttribute(Caller.Principal.class, null);
        WrappedSession wrapped = session.getSession();
        if (wrapped != null) {
            Objects.requireNonNull(wrapped).invalidate();
        }
    }
}
