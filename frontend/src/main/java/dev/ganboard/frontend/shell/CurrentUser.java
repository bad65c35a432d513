package dev.ganboard.frontend.shell;

import dev.ganboard.backend.auth.Caller;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The logged-in user of this browser session, set by {@link AccessGuard}. */
public final class CurrentUser {
    private CurrentUser() {
    }

    public static Optional<Caller.Principal> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(Caller.Principal.class));
    }

    public static Caller.Principal require() {
        return get().orElseThrow(() -> new IllegalStateException("no user logged in"));
    }

    static void set(Caller.Principal principal) {
        VaadinSession.getCurrent().setAttribute(Caller.Principal.class, principal);
    }
}
