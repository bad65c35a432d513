package dev.ganboard.frontend.run;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.checkpoint.CheckpointQueries;
import dev.ganboard.backend.checkpoint.CheckpointSummary;
import dev.ganboard.backend.checkpoint.PreviewStore;
import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.metric.MetricSeries;
import dev.ganboard.backend.run.Run;
import dev.ganboard.backend.run.RunService;
import dev.ganboard.backend.run.RunSummary;
import dev.ganboard.frontend.chart.LineChart;
import dev.ganboard.frontend.shell.CurrentUser;
import dev.ganboard.frontend.shell.LiveRefresh;
import dev.ganboard.frontend.shell.MainLayout;
import dev.ganboard.protocol.checkpoint.EvaluationHeadline;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run: its curves (keys grouped by their first path segment, e.g. loss/D and loss/G together), its checkpoints
 * and the samples of the selected (else the latest previewed) checkpoint, live.
 */
@Route(value = "runs/:id", layout = MainLayout.class)
@PageTitle("Run · GANBoard")
public class RunView extends VerticalLayout implements BeforeEnterObserver {
    static final int BUCKETS = 600;
    /** Headline metrics drawn over the run's checkpoints. */
    static final List<CheckpointTable.Column> EVALUATION_CHARTS = List.of(
            new CheckpointTable.Column("fid", EvaluationHeadline::fid),
            new CheckpointTable.Column("modes_covered", EvaluationHeadline::modesCovered));

    private final RunService runs;
    private final MetricSeries series;
    private final RunUpdates updates;
    private final H2 title = new H2();
    private final Paragraph details = new Paragraph();
    /** "diverged at step S (key)" once a metric of the run was NaN or ±Infinity; hidden before. */
    private final Paragraph divergence = new Paragraph();
    private final Div charts = new Div();
    private final CheckpointTable checkpointTable;
    private final Div evaluationCharts = new Div();
    private final CheckpointQueries checkpoints;
    private final PreviewStore previews;
    private final Div preview = new Div();
    private Run run;
    /** The checkpoint the user clicked; null follows the latest one with a preview. */
    private Long selectedCheckpoint;
    /** What the preview panel shows now (checkpoint and its preview URL), so a refresh does not reload it. */
    private String shownPreview;

    @Inject
    public RunView(RunService runs, MetricSeries series, RunUpdates updates, CheckpointQueries checkpoints,
                   PreviewStore previews) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.previews = previews;
        this.series = series;
        this.updates = updates;
        checkpointTable = new CheckpointTable(previews);
        checkpointTable.addItemClickListener(e -> {
            selectedCheckpoint = e.getItem().id();
            refresh();
        });
        charts.setId("charts");
        charts.setWidthFull();
        evaluationCharts.setId("evaluation-charts");
        evaluationCharts.setWidthFull();
        preview.setId("preview");
        divergence.setId("divergence");
        divergence.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "500");
        divergence.setVisible(false);
        add(title, details, divergence, charts, new H4("Checkpoints (★ best before collapse; click one to see its samples)"),
                checkpointTable, preview, evaluationCharts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        try {
            run = runs.find(CurrentUser.require().teamId(), Long.parseLong(id));
        } catch (ApiException | NumberFormatException notFound) {
            run = null;
            title.setText("Run not found");
            details.setText("There is no run '" + id + "' in your team.");
            return;
        }
        long runId = run.id;
        LiveRefresh.follow(this, updates, run.project.id, changed -> changed == runId, this::refresh);
        refresh();
    }

    private void refresh() {
        RunSummary summary = runs.summary(runs.find(CurrentUser.require().teamId(), run.id));
        title.setText(summary.variant() + " · seed " + summary.seed());
        details.setText("run " + summary.id() + " · " + summary.status()
                + (summary.config() == null ? "" : " · config " + summary.config())
                + (summary.codeVersion() == null ? "" : " · code " + summary.codeVersion()));
        divergence.setVisible(summary.diverged() != null);
        divergence.setText(summary.diverged() == null ? "" : summary.diverged().describe());
        charts.removeAll();
        Map<String, List<String>> groups = new TreeMap<>();
        for (String key : series.keys(run.id)) {
            groups.computeIfAbsent(key.contains("/") ? key.substring(0, key.indexOf('/')) : key, g -> new ArrayList<>())
                    .add(key);
        }
        if (groups.isEmpty()) {
            charts.add(new Paragraph("No points logged yet."));
        }
        groups.forEach((group, keys) -> charts.add(chart(group, keys)));
        List<CheckpointSummary> byStep = checkpoints.ofRun(run.id);
        checkpointTable.show(byStep);
        showPreview(byStep);
        evaluationCharts.removeAll();
        for (CheckpointTable.Column column : EVALUATION_CHARTS) {
            String metric = column.header();
            List<LineChart.Bucket> points = new ArrayList<>();
            for (CheckpointSummary c : byStep) {
                if (c.evaluations() != null && !c.evaluations().isEmpty()) {
                    Number value = column.value().apply(EvaluationHeadline.of(
                            c.evaluations().get(c.evaluations().size() - 1).metrics()));
                    if (value != null) {
                        double v = value.doubleValue();
                        points.add(new LineChart.Bucket(c.step(), v, v, v));
                    }
                }
            }
            if (!points.isEmpty()) {
                Div svg = new Div();
                svg.setWidthFull();
                svg.getStyle().set("max-width", "960px");
                svg.getElement().setProperty("innerHTML",
                        LineChart.svg(List.of(new LineChart.Series(metric, points)), "step"));
                evaluationCharts.add(new H4(metric + " over checkpoints"), svg);
            }
        }
    }

    private void showPreview(List<CheckpointSummary> byStep) {
        CheckpointSummary chosen = null;
        for (CheckpointSummary c : byStep) {
            if (c.previewUrl() != null && (selectedCheckpoint == null || c.id() == selectedCheckpoint)) {
                chosen = c;
            }
        }
        boolean selectedWithout = selectedCheckpoint != null && chosen == null;
        String key = chosen == null ? (selectedWithout ? "none:" + selectedCheckpoint : "")
                : PreviewImage.version(chosen);
        if (key.equals(shownPreview)) {
            return;
        }
        shownPreview = key;
        preview.removeAll();
        if (chosen == null) {
            if (selectedWithout) {
                preview.add(new Paragraph("No samples preview for this checkpoint."));
            }
            return;
        }
        var image = PreviewImage.of(previews, chosen.id(), "samples of checkpoint " + chosen.id() + ", step "
                + chosen.step(), null);
        image.setId("preview-image");
        image.getStyle().set("max-width", "100%");
        preview.add(new H4("Samples · step " + chosen.step() + (selectedCheckpoint == null ? " (latest)" : "")),
                image);
    }

    private VerticalLayout chart(String group, List<String> keys) {
        List<LineChart.Series> lines = new ArrayList<>();
        HorizontalLayout legend = new HorizontalLayout();
        for (int i = 0; i < keys.size(); i++) {
            MetricSeries.Series s = series.read(run.id, keys.get(i), BUCKETS);
            MetricSeries.NonFinite turned = s.firstNonFinite();
            lines.add(new LineChart.Series(keys.get(i), s.buckets().stream()
                    .filter(b -> b.mean() != null) // buckets of only non-finite points: nothing to draw but the marker
                    .map(b -> new LineChart.Bucket((b.stepStart() + b.stepEnd()) / 2.0, b.min(), b.max(), b.mean()))
                    .toList(), turned == null ? null : new LineChart.Marker(turned.step(),
                    keys.get(i) + ": " + turned.value() + " at step " + turned.step() + " (" + s.nonFiniteCount()
                            + " non-finite points)")));
            Span entry = new Span("━ " + keys.get(i) + " (" + s.count() + " points"
                    + (turned == null ? "" : ", " + s.nonFiniteCount() + " non-finite from step " + turned.step()) + ")");
            entry.getStyle().set("color", LineChart.PALETTE[i % LineChart.PALETTE.length])
                    .set("font-size", "var(--lumo-font-size-s)");
            legend.add(entry);
        }
        Div svg = new Div();
        svg.addClassName("chart");
        svg.setWidthFull();
        svg.getStyle().set("max-width", "960px");
        svg.getElement().setProperty("innerHTML", LineChart.svg(lines, "step"));
        VerticalLayout box = new VerticalLayout(new H4(group), legend, svg);
        box.setPadding(false);
        box.setSpacing(false);
        box.setWidthFull();
        box.getElement().setAttribute("data-chart", group);
        return box;
    }
}
