package dev.ganboard.frontend.project;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ganboard.backend.project.Project;
import dev.ganboard.backend.project.ProjectService;
import dev.ganboard.frontend.shell.CurrentUser;
import dev.ganboard.frontend.shell.MainLayout;
import jakarta.inject.Inject;
import java.util.List;

@Route(value = "", layout = MainLayout.class)
@PageTitle("Projects · GANBoard")
public class ProjectsView extends VerticalLayout {

    @Inject
    public ProjectsView(ProjectService projects) {
        List<Project> list = projects.list(CurrentUser.require().teamId());
        Grid<Project> grid = new Grid<>();
        grid.setId("projects");
        grid.addColumn(p -> p.name).setHeader("Project").setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> p.dataset).setHeader("Dataset").setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> p.description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(p -> p.createdAt.toString().substring(0, 16).replace('T', ' ')).setHeader("Created").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(list);
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate(ProjectView.class, new com.vaadin.flow.router.RouteParameters("ref", e.getItem().name))));
        add(new H2("Projects"));
        if (list.isEmpty()) {
            add(new Paragraph("No projects yet. Create one with the SDK or POST /api/v1/projects."));
        }
        add(grid);
        setSizeFull();
    }
}
