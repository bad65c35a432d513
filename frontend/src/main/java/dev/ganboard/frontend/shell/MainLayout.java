package dev.ganboard.frontend.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLink;
import dev.ganboard.frontend.project.ProjectsView;

public class MainLayout extends AppLayout {
    public MainLayout() {
        H1 title = new H1(new RouterLink("GANBoard", ProjectsView.class));
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0 var(--lumo-space-m)");
        Span user = new Span(CurrentUser.get().map(p -> p.username()).orElse(""));
        user.setId("current-user");
        Anchor logout = new Anchor("/logout", "Log out");
        logout.setRouterIgnore(true);
        logout.setId("logout");
        HorizontalLayout right = new HorizontalLayout(user, logout);
        right.getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");
        HorizontalLayout bar = new HorizontalLayout(title, right);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        addToNavbar(bar);
    }
}
