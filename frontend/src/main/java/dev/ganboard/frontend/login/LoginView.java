package dev.ganboard.frontend.login;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.ganboard.backend.auth.LoginThrottle;
import jakarta.inject.Inject;

/** Posts to Quarkus form authentication ({@code j_security_check}), which sets the session cookie. */
@Route("login")
@PageTitle("Log in · GANBoard")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm form = new LoginForm();
    @Inject
    LoginThrottle throttle;

    public LoginView() {
        form.setAction("j_security_check");
        form.setForgotPasswordButtonVisible(false);
        Paragraph hint = new Paragraph("First start: user 'admin', password in $GANBOARD_HOME/initial-admin-password.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(form, hint);
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean error = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        long wait = error ? throttle.refusedFor(clientAddress()) : 0;
        if (wait > 0) {
            LoginI18n i18n = LoginI18n.createDefault();
            i18n.getErrorMessage().setTitle("Too many failed logins");
            i18n.getErrorMessage().setMessage("Too many failed logins for this user or from this address. "
                    + "Try again in " + wait + " seconds.");
            form.setI18n(i18n);
        }
        form.setError(error);
    }

    private static String clientAddress() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? "unknown" : request.getRemoteAddr();
    }
}
