package dev.ganboard.frontend.project;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.project.Project;
import dev.ganboard.backend.project.ProjectProgress;
import dev.ganboard.backend.project.ProjectProgressQuery;
import dev.ganboard.backend.project.ProjectService;
import dev.ganboard.backend.run.RunService;
import dev.ganboard.backend.run.RunSummary;
import dev.ganboard.frontend.run.RunView;
import dev.ganboard.frontend.shell.CurrentUser;
import dev.ganboard.frontend.shell.LiveRefresh;
import dev.ganboard.frontend.shell.MainLayout;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** A project's runs with their latest values; the table follows the runs live while they log. */
@Route(value = "projects/:ref", layout = MainLayout.class)
@PageTitle("Project · GANBoard")
public class ProjectView extends VerticalLayout implements BeforeEnterObserver {
    static final int MAX_METRIC_COLUMNS = 10;

    private final ProjectService projects;
    private final RunService runs;
    private final RunUpdates updates;
    private final H2 title = new H2();
    private final Paragraph subtitle = new Paragraph();
    private final Anchor leaderboardLink = new Anchor();
    private final Anchor compareLink = new Anchor();
    private final Grid<RunSummary> grid = new Grid<>();
    /** One provider whose rows are replaced in place: a live refresh keeps row keys stable (by run id), so a click
     * that was on its way while the rows were replaced still finds its run. */
    private final List<RunSummary> rows = new ArrayList<>();
    private final ListDataProvider<RunSummary> rowProvider = new ListDataProvider<>(rows) {
        @Override
        public Object getId(RunSummary run) {
            return run.id();
        }
    };
    private final com.vaadin.flow.component.progressbar.ProgressBar runProgress =
            new com.vaadin.flow.component.progressbar.ProgressBar();
    private final Span progressText = new Span();
    private final ProjectProgressQuery progressQuery;
    private Project project;
    private List<String> shownKeys = List.of();

    @Inject
    public ProjectView(ProjectService projects, RunService runs, RunUpdates updates,
                       ProjectProgressQuery progressQuery) {
        this.projects = projects;
        this.progressQuery = progressQuery;
        this.runs = runs;
        this.updates = updates;
        grid.setId("runs");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setItems(rowProvider);
        grid.addItemClickListener(e -> {
            if (e.getItem() != null) { // a row removed by a refresh between the click and its arrival
                grid.getUI().ifPresent(ui -> ui.navigate(RunView.class,
                        new com.vaadin.flow.router.RouteParameters("id", String.valueOf(e.getItem().id()))));
            }
        });
        leaderboardLink.setText("Leaderboard →");
        leaderboardLink.setId("leaderboard-link");
        compareLink.setText("Compare variants →");
        compareLink.setId("compare-link");
        progressText.setId("project-progress");
        runProgress.setWidth("16em");
        var progressRow = new com.vaadin.flow.component.orderedlayout.HorizontalLayout(runProgress, progressText);
        progressRow.setAlignItems(Alignment.CENTER);
        add(title, subtitle, new com.vaadin.flow.component.orderedlayout.HorizontalLayout(leaderboardLink, compareLink),
                progressRow, grid);
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String ref = event.getRouteParameters().get("ref").orElse("");
        try {
            project = projects.find(CurrentUser.require().teamId(), ref);
        } catch (ApiException notFound) {
            project = null;
            title.setText("Project not found");
            subtitle.setText("There is no project '" + ref + "' in your team.");
            grid.setVisible(false);
            return;
        }
        title.setText(project.name);
        LiveRefresh.follow(this, updates, project.id, runId -> true, this::refresh);
        leaderboardLink.setHref("projects/" + project.name + "/leaderboard");
        compareLink.setHref("projects/" + project.name + "/compare");
        subtitle.setText(Objects.requireNonNullElse(project.dataset, "no dataset") + " · "
                + Objects.requireNonNullElse(project.description, ""));
        refresh();
    }

    private void refresh() {
        List<RunSummary> summaries = runs.summaries(project.id);
        List<String> keys = summaries.stream().flatMap(s -> s.latest().keySet().stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream()
                .limit(MAX_METRIC_COLUMNS).toList();
        if (!keys.equals(shownKeys) || grid.getColumns().isEmpty()) {
            buildColumns(keys);
        }
        rows.clear();
        rows.addAll(summaries);
        rowProvider.refreshAll();
        showProgress(progressQuery.of(project.id));
    }

    private void showProgress(ProjectProgress p) {
        runProgress.setValue(p.runFraction());
        StringBuilder text = new StringBuilder();
        text.append(p.finished() + p.failed()).append(" of ").append(p.runs()).append(" runs done");
        if (p.running() > 0 || p.failed() > 0) {
            text.append(" (").append(p.running()).append(" running, ").append(p.failed()).append(" failed)");
        }
        if (p.diverged() > 0) {
            text.append(", ").append(p.diverged()).append(" diverged");
        }
        if (p.checkpoints() > 0) {
            text.append(" · checkpoints: ").append(p.evaluated()).append(" evaluated");
            if (p.evaluationDiverged() > 0) {
                text.append(" (").append(p.evaluationDiverged()).append(" diverged)");
            }
            if (p.evaluating() > 0) {
                text.append(", ").append(p.evaluating()).append(" evaluating");
            }
            if (p.waiting() > 0) {
                text.append(", ").append(p.waiting()).append(" waiting");
            }
            if (p.evaluationFailed() > 0) {
                text.append(", ").append(p.evaluationFailed()).append(" failed");
            }
        }
        progressText.setText(text.toString());
    }

    private void buildColumns(List<String> keys) {
        grid.removeAllColumns();
        grid.addColumn(r -> r.id()).setHeader("Run").setSortable(true).setAutoWidth(true);
        grid.addColumn(RunSummary::variant).setHeader("Variant").setSortable(true).setAutoWidth(true);
        grid.addColumn(RunSummary::seed).setHeader("Seed").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(r -> statusBadge(r.status())).setHeader("Status").setAutoWidth(true)
                .setComparator(RunSummary::status);
        for (String key : keys) {
            grid.addColumn(r -> format(r.latest().get(key))).setHeader(key).setKey("metric:" + key)
                    .setSortable(true).setAutoWidth(true)
                    .setComparator((a, b) -> Double.compare(value(a, key), value(b, key)));
        }
        shownKeys = keys;
    }

    private static Span statusBadge(String status) {
        Span badge = new Span(status);
        String color = switch (status) {
            case "finished" -> "var(--lumo-success-text-color)";
            case "failed", "crashed" -> "var(--lumo-error-text-color)";
            default -> "var(--lumo-primary-text-color)";
        };
        badge.getStyle().set("color", color).set("font-weight", "500");
        return badge;
    }

    private static double value(RunSummary run, String key) {
        RunSummary.Latest latest = run.latest().get(key);
        return latest == null ? Double.NaN : latest.value();
    }

    static String format(RunSummary.Latest latest) {
        if (latest == null) {
            return "";
        }
        double v = latest.value();
        double abs = Math.abs(v);
        return (abs != 0 && (abs < 1e-3 || abs >= 1e6)) ? String.format("%.4g", v) : String.format("%.4f", v);
    }
}
