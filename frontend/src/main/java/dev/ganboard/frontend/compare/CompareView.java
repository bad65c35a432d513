package dev.ganboard.frontend.compare;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.compare.VariantCurves;
import dev.ganboard.backend.metric.MetricSeries;
import dev.ganboard.backend.project.Project;
import dev.ganboard.backend.project.ProjectService;
import dev.ganboard.frontend.chart.LineChart;
import dev.ganboard.frontend.shell.CurrentUser;
import dev.ganboard.frontend.shell.MainLayout;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Variants overlaid: for each, the mean curve of its seeds with the band the seeds span. State in the URL. */
@Route(value = "projects/:ref/compare", layout = MainLayout.class)
@PageTitle("Compare variants · GANBoard")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {
    static final int BUCKETS = 300;

    private final ProjectService projects;
    private final MetricSeries series;
    private final VariantCurves curves;
    private final H2 title = new H2();
    private final Select<String> key = new Select<>();
    private final CheckboxGroup<String> variants = new CheckboxGroup<>();
    private final HorizontalLayout legend = new HorizontalLayout();
    private final Div chart = new Div();
    private Project project;
    private boolean updating;

    @Inject
    public CompareView(ProjectService projects, MetricSeries series, VariantCurves curves) {
        this.projects = projects;
        this.series = series;
        this.curves = curves;
        key.setLabel("Key");
        key.setId("key");
        variants.setLabel("Variants");
        variants.setId("variants");
        chart.setId("compare-chart");
        chart.setWidthFull();
        chart.getStyle().set("max-width", "960px");
        key.addValueChangeListener(e -> navigate());
        variants.addValueChangeListener(e -> navigate());
        add(title, new HorizontalLayout(key, variants), legend, chart);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String ref = event.getRouteParameters().get("ref").orElse("");
        try {
            project = projects.find(CurrentUser.require().teamId(), ref);
        } catch (ApiException notFound) {
            removeAll();
            add(new H2("Project not found"), new Paragraph("There is no project '" + ref + "' in your team."));
            project = null;
            return;
        }
        title.setText("Compare variants · " + project.name);
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        List<String> keys = series.keysOfProject(project.id);
        String chosenKey = q.containsKey("key") ? q.get("key").get(0) : keys.isEmpty() ? null : keys.get(0);
        updating = true;
        key.setItems(keys);
        if (chosenKey != null && keys.contains(chosenKey)) {
            key.setValue(chosenKey);
        }
        updating = false;
        if (key.getValue() == null) {
            chart.getElement().setProperty("innerHTML", LineChart.svg(List.of(), "step"));
            return;
        }
        VariantCurves.Curves c = curves.of(project.id, key.getValue(), BUCKETS);
        Set<String> all = c.variants().keySet();
        Set<String> chosen = q.containsKey("variants")
                ? new LinkedHashSet<>(Arrays.asList(q.get("variants").get(0).split(","))) : new LinkedHashSet<>(all);
        chosen.retainAll(all);
        updating = true;
        variants.setItems(all);
        variants.setValue(chosen);
        updating = false;
        render(c, chosen);
    }

    private void render(VariantCurves.Curves c, Set<String> chosen) {
        legend.removeAll();
        List<LineChart.Series> lines = new java.util.ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<VariantCurves.BandPoint>> e : c.variants().entrySet()) {
            if (!chosen.contains(e.getKey())) {
                continue;
            }
            int seeds = e.getValue().stream().mapToInt(VariantCurves.BandPoint::seeds).max().orElse(0);
            Span entry = new Span("━ " + e.getKey() + " (" + seeds + " seeds)");
            entry.getStyle().set("color", LineChart.PALETTE[i++ % LineChart.PALETTE.length]);
            legend.add(entry);
            lines.add(new LineChart.Series(e.getKey(), e.getValue().stream()
                    .map(p -> new LineChart.Bucket(p.step(), p.lo(), p.hi(), p.mean())).toList()));
        }
        chart.getElement().setProperty("innerHTML", LineChart.svg(lines, "step"));
    }

    private void navigate() {
        if (updating || project == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (key.getValue() != null) {
            params.put("key", key.getValue());
        }
        params.put("variants", String.join(",", variants.getValue()));
        getUI().ifPresent(ui -> ui.navigate("projects/" + project.name + "/compare", QueryParameters.simple(params)));
    }
}
