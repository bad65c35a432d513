package dev.ganboard.frontend.shell;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import dev.ganboard.backend.auth.Caller;
import dev.ganboard.backend.team.UserAccount;
import dev.ganboard.frontend.login.LoginView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.Principal;
import java.util.Optional;

/** Every view but the login page needs a logged-in user; the user's team scopes everything the views show. */
@ApplicationScoped
public class AccessGuard {

    void install(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == LoginView.class) {
            return;
        }
        if (CurrentUser.get().isEmpty()) {
            resolveFromRequest().ifPresent(CurrentUser::set);
        }
        if (CurrentUser.get().isEmpty()) {
            event.forwardTo(LoginView.class);
        }
    }

    private static Optional<Caller.Principal> resolveFromRequest() {
        VaadinRequest request = VaadinRequest.getCurrent();
        Principal principal = request == null ? null : request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> UserAccount.findByUsername(principal.getName())
                .map(u -> new Caller.Principal(u.id, u.username, u.team.id, u.admin)));
    }
}
