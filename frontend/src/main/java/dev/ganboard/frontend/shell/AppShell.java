package dev.ganboard.frontend.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Server push lets views show new points and evaluations without reload. The Lumo stylesheets are static resources
 * of the context root (META-INF/resources of the Lumo jar), hence {@code context://}: Vaadin 25.1 looks a bare
 * {@code lumo/lumo.css} up in the servlet context without a leading slash, which Undertow rejects with a logged
 * MalformedURLException on every page load (vaadin/flow#24028).
 */
@Push
@StyleSheet("context://" + Lumo.STYLESHEET)
@StyleSheet("context://" + Lumo.UTILITY_STYLESHEET)
public class AppShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("GANBoard");
    }
}
