package dev.ganboard.frontend.leaderboard;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.checkpoint.PreviewStore;
import dev.ganboard.backend.leaderboard.Leaderboard;
import dev.ganboard.backend.leaderboard.LeaderboardCsv;
import dev.ganboard.backend.leaderboard.LeaderboardService;
import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.project.Project;
import dev.ganboard.backend.project.ProjectService;
import dev.ganboard.frontend.chart.BoxPlot;
import dev.ganboard.frontend.chart.LineChart;
import dev.ganboard.frontend.run.PreviewImage;
import dev.ganboard.frontend.shell.CurrentUser;
import dev.ganboard.frontend.shell.LiveRefresh;
import dev.ganboard.frontend.shell.MainLayout;
import dev.ganboard.metrics.statistics.Quantiles;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Variants × seeds as Lucic et al. compared them: a ranked table, the distribution over seeds, the expected best
 * among k runs, and which differences are statistically real. Its state (metric, extractor, policy, filter) lives
 * in the URL, so a link shows a colleague the same board.
 */
@Route(value = "projects/:ref/leaderboard", layout = MainLayout.class)
@PageTitle("Leaderboard · GANBoard")
public class LeaderboardView extends VerticalLayout implements BeforeEnterObserver {
    private static final Map<String, String> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("final", "final checkpoint");
        POLICIES.put("best", "best checkpoint (optimistic)");
        POLICIES.put("best-before-collapse", "best before collapse (optimistic)");
    }

    private final ProjectService projects;
    private final LeaderboardService leaderboards;
    private final RunUpdates updates;
    private final PreviewStore previews;
    private final HorizontalLayout samples = new HorizontalLayout();
    private final H2 title = new H2();
    private final Select<String> metric = new Select<>();
    private final Select<String> extractor = new Select<>();
    private final Select<String> policy = new Select<>();
    private final TextField filter = new TextField();
    private final Span notice = new Span();
    private final Anchor csv = new Anchor();
    private final Grid<Leaderboard.Row> grid = new Grid<>();
    private final Div boxes = new Div();
    private final Div budget = new Div();
    private final Div matrix = new Div();
    private final VerticalLayout verdicts = new VerticalLayout();
    private Project project;
    private Leaderboard board;
    private boolean updatingControls;

    @Inject
    public LeaderboardView(ProjectService projects, LeaderboardService leaderboards, RunUpdates updates,
                           PreviewStore previews) {
        this.projects = projects;
        this.leaderboards = leaderboards;
        this.updates = updates;
        this.previews = previews;
        samples.setId("variant-previews");
        samples.getStyle().set("flex-wrap", "wrap");
        metric.setLabel("Metric");
        metric.setId("metric");
        extractor.setLabel("Feature extractor");
        extractor.setId("extractor");
        policy.setLabel("Checkpoint");
        policy.setId("policy");
        policy.setItems(POLICIES.keySet());
        policy.setItemLabelGenerator(POLICIES::get);
        filter.setLabel("Filter variants");
        filter.setId("filter");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setClearButtonVisible(true);
        csv.setText("Export CSV");
        csv.setId("csv");
        metric.addValueChangeListener(e -> controlsChanged());
        extractor.addValueChangeListener(e -> controlsChanged());
        policy.addValueChangeListener(e -> controlsChanged());
        filter.addValueChangeListener(e -> controlsChanged());
        HorizontalLayout controls = new HorizontalLayout(metric, extractor, policy, filter, csv);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        notice.getStyle().set("color", "var(--lumo-warning-text-color)").set("font-size", "var(--lumo-font-size-s)");
        grid.setId("leaderboard");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        boxes.setId("boxplot");
        budget.setId("budget");
        matrix.setId("significance");
        verdicts.setPadding(false);
        verdicts.setSpacing(false);
        for (Div d : new Div[] {boxes, budget}) {
            d.setWidthFull();
            d.getStyle().set("max-width", "960px");
        }
        add(title, controls, notice, grid, new H3("Samples of each variant's best seed"), samples,
                new H3("Distribution over seeds"), boxes,
                new H3("Expected best among k runs (computational budget)"), budget,
                new H3("Is the difference real?"), matrix, verdicts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String ref = event.getRouteParameters().get("ref").orElse("");
        try {
            project = projects.find(CurrentUser.require().teamId(), ref);
        } catch (ApiException notFound) {
            project = null;
            title.setText("Project not found");
            removeAll();
            add(title, new Paragraph("There is no project '" + ref + "' in your team."));
            return;
        }
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        load(first(q, "metric", "fid"), first(q, "extractor", null), first(q, "policy", "final"));
        updatingControls = true;
        filter.setValue(first(q, "filter", ""));
        updatingControls = false;
        render();
        LiveRefresh.follow(this, updates, project.id, runId -> true, () -> {
            load(metric.getValue(), extractor.getValue(), policy.getValue());
            render();
        });
    }

    private void load(String metricName, String extractorName, String policyName) {
        try {
            board = leaderboards.board(project.id, metricName, extractorName, policyName);
        } catch (ApiException bad) {
            board = leaderboards.board(project.id, "fid", null, "final");
        }
        updatingControls = true;
        List<String> metricItems = new ArrayList<>(new TreeSet<>(board.metrics()));
        if (!metricItems.contains(board.metric())) {
            metricItems.add(0, board.metric());
        }
        metric.setItems(metricItems);
        metric.setValue(board.metric());
        List<String> extractorItems = new ArrayList<>(board.extractors());
        if (!extractorItems.contains(board.extractor())) {
            extractorItems.add(0, board.extractor());
        }
        extractor.setItems(extractorItems);
        extractor.setValue(board.extractor());
        policy.setValue(board.policy());
        updatingControls = false;
    }

    private void controlsChanged() {
        if (updatingControls || project == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("metric", metric.getValue());
        params.put("extractor", extractor.getValue());
        params.put("policy", policy.getValue());
        if (!filter.getValue().isBlank()) {
            params.put("filter", filter.getValue());
        }
        getUI().ifPresent(ui -> ui.navigate("projects/" + project.name + "/leaderboard", QueryParameters.simple(params)));
    }

    private void render() {
        title.setText("Leaderboard · " + project.name);
        notice.setText(board.optimistic() ? "Optimistic: the checkpoint was chosen with hindsight on the evaluation "
                + "data; papers usually report the final checkpoint." : "");
        String needle = filter.getValue().toLowerCase(Locale.ROOT);
        List<Leaderboard.Row> rows = board.rows().stream()
                .filter(r -> needle.isBlank() || r.variant().toLowerCase(Locale.ROOT).contains(needle)).toList();
        buildColumns(rows);
        grid.setItems(rows);
        renderSamples(rows);
        String text = LeaderboardCsv.of(board);
        csv.setHref(DownloadHandler.fromInputStream(e -> new DownloadResponse(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "leaderboard-" + project.name + "-" + board.metric() + ".csv", "text/csv", text.length())));
        boxes.getElement().setProperty("innerHTML", BoxPlot.svg(rows.stream().map(LeaderboardView::finiteBox)
                .flatMap(Optional::stream).toList(), board.metric()));
        // a diverged run makes E[best of k] infinite for small k: the curve starts where it is finite
        List<LineChart.Series> curves = rows.stream().map(r -> new LineChart.Series(r.variant(),
                board.budget().getOrDefault(r.variant(), List.of()).stream()
                        .filter(p -> Double.isFinite(p.expectedBest()) && Double.isFinite(p.lo())
                                && Double.isFinite(p.hi()))
                        .map(p -> new LineChart.Bucket(p.k(), p.lo(), p.hi(), p.expectedBest())).toList())).toList();
        budget.getElement().setProperty("innerHTML", LineChart.svg(curves, "k (runs trained)"));
        List<String> variants = rows.stream().map(Leaderboard.Row::variant).toList();
        List<Leaderboard.Comparison> shown = board.comparisons().stream()
                .filter(c -> variants.contains(c.a()) && variants.contains(c.b())).toList();
        matrix.getElement().setProperty("innerHTML", SignificanceMatrix.html(variants, shown));
        verdicts.removeAll();
        shown.stream().filter(Leaderboard.Comparison::significant).forEach(c -> verdicts.add(new Span(c.verdict())));
        if (shown.stream().noneMatch(Leaderboard.Comparison::significant)) {
            verdicts.add(new Span(shown.isEmpty() ? "Needs at least two variants with two seeds each."
                    : "No difference between variants is significant at α = 0.05 (Holm-corrected)."));
        }
    }

    /** Per variant, the preview of its best seed's checkpoint as the policy chose it (the seed the numbers used). */
    private void renderSamples(List<Leaderboard.Row> rows) {
        samples.removeAll();
        Comparator<Leaderboard.SeedValue> byValue = Comparator.comparingDouble(Leaderboard.SeedValue::value);
        Comparator<Leaderboard.SeedValue> better = board.direction().startsWith("lower") ? byValue : byValue.reversed();
        for (Leaderboard.Row row : rows) {
            Optional<Leaderboard.SeedValue> best = row.seeds().stream().min(better);
            if (best.isEmpty()) {
                continue;
            }
            Leaderboard.SeedValue seed = best.get();
            Optional<Long> preview = seed.step() == null ? Optional.empty()
                    : previews.checkpointWithPreviewAt(seed.runId(), seed.step());
            VerticalLayout card = new VerticalLayout();
            card.setPadding(false);
            card.setSpacing(false);
            card.setWidth("250px");
            card.getElement().setAttribute("data-variant", row.variant());
            Span caption = new Span(row.variant() + " · seed " + seed.seed() + (seed.step() == null ? ""
                    : " · step " + seed.step()) + " · " + board.metric() + " " + fmt(seed.value()));
            caption.getStyle().set("font-size", "var(--lumo-font-size-s)");
            card.add(caption);
            if (preview.isPresent()) {
                card.add(PreviewImage.of(previews, preview.get(), "samples of " + row.variant()
                        + ", seed " + seed.seed() + ", step " + seed.step(), "240px"));
            } else {
                Span none = new Span("no preview");
                none.getStyle().set("color", "var(--lumo-secondary-text-color)");
                card.add(none);
            }
            samples.add(card);
        }
    }

    private void buildColumns(List<Leaderboard.Row> rows) {
        grid.removeAllColumns();
        String m = board.metric();
        grid.addColumn(Leaderboard.Row::variant).setHeader("Variant").setKey("variant").setSortable(true).setAutoWidth(true);
        grid.addColumn(Leaderboard.Row::runs).setHeader("Runs").setKey("runs").setSortable(true).setAutoWidth(true);
        grid.addColumn(LeaderboardView::meanText).setHeader(m + " mean ± std")
                .setKey("mean").setComparator(r -> r.mean() == null ? Double.NaN : r.mean()).setAutoWidth(true);
        grid.addColumn(r -> fmt(r.median())).setHeader("median").setKey("median")
                .setComparator(Leaderboard.Row::median).setAutoWidth(true);
        grid.addColumn(r -> fmt(r.iqr())).setHeader("IQR").setKey("iqr").setComparator(Leaderboard.Row::iqr).setAutoWidth(true);
        grid.addColumn(r -> fmt(r.min())).setHeader("min").setKey("min").setComparator(Leaderboard.Row::min).setAutoWidth(true);
        grid.addColumn(r -> fmt(r.max())).setHeader("max").setKey("max").setComparator(Leaderboard.Row::max).setAutoWidth(true);
        grid.addColumn(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.collapseRate())).setHeader("collapsed")
                .setKey("collapse").setComparator(Leaderboard.Row::collapseRate).setAutoWidth(true);
        grid.addColumn(r -> r.diverged() + "/" + r.runs()).setHeader("diverged").setKey("diverged")
                .setComparator(r -> (double) r.diverged() / r.runs()).setAutoWidth(true);
        TreeSet<String> others = new TreeSet<>();
        rows.forEach(r -> others.addAll(r.others().keySet()));
        for (String other : others) {
            grid.addColumn(r -> r.others().containsKey(other) ? fmt(r.others().get(other)) : "").setHeader(other)
                    .setKey("other:" + other).setAutoWidth(true)
                    .setComparator(r -> r.others().getOrDefault(other, Double.NaN));
        }
    }

    /** Mean ± std over the runs with a finite value, saying how many when diverged runs are left out. */
    static String meanText(Leaderboard.Row r) {
        if (r.mean() == null) {
            return "— (every run diverged)";
        }
        String text = fmt(r.mean()) + (r.std() == null ? "" : " ± " + fmt(r.std()));
        return r.meanOver() == r.runs() ? text : text + " (" + r.meanOver() + " of " + r.runs() + " runs)";
    }

    /** The box of a variant's finite values, named with its count of diverged runs; none if every run diverged. */
    static Optional<BoxPlot.Box> finiteBox(Leaderboard.Row r) {
        double[] finite = r.seeds().stream().mapToDouble(Leaderboard.SeedValue::value).filter(Double::isFinite)
                .sorted().toArray();
        if (finite.length == 0) {
            return Optional.empty();
        }
        int worst = r.runs() - finite.length;
        String name = worst == 0 ? r.variant() : r.variant() + " (+" + worst + " diverged)";
        return Optional.of(new BoxPlot.Box(name, Quantiles.ofSorted(finite, 0.25), Quantiles.ofSorted(finite, 0.5),
                Quantiles.ofSorted(finite, 0.75), finite[0], finite[finite.length - 1], finite));
    }

    /** A number; a statistic that a diverged run's worst value decides reads "diverged". */
    static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return "diverged";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    private static String first(Map<String, List<String>> q, String name, String fallback) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? fallback : values.get(0);
    }
}
