package dev.ganboard.frontend.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.ganboard.backend.checkpoint.CheckpointSummary;
import dev.ganboard.backend.checkpoint.EvaluationSummary;
import dev.ganboard.backend.checkpoint.PreviewStore;
import dev.ganboard.backend.checkpoint.CheckpointProgress;
import dev.ganboard.backend.leaderboard.CheckpointPolicy;
import dev.ganboard.metrics.statistics.Direction;
import dev.ganboard.protocol.checkpoint.EvaluationHeadline;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A run's checkpoints with their latest evaluation: a thumbnail of the samples, status (with the worker's progress
 * while it evaluates; "diverged" with the share of non-finite samples, the reason as its tooltip), the headline metrics, a collapse marker, and a star on the best checkpoint before the first
 * collapse (lowest FID).
 */
final class CheckpointTable extends Grid<CheckpointSummary> {
    /** A headline metric shown as a column: its header (the suite's name for it) and where the headline has it. */
    record Column(String header, Function<EvaluationHeadline, Number> value) {
    }

    /** Headline metrics in the order shown; a column appears when some checkpoint of the run has the metric. */
    static final List<Column> COLUMNS = List.of(new Column("fid", EvaluationHeadline::fid),
            new Column("is", EvaluationHeadline::is), new Column("kid", EvaluationHeadline::kid),
            new Column("modes_covered", EvaluationHeadline::modesCovered),
            new Column("classes_covered", EvaluationHeadline::classesCovered),
            new Column("hq_fraction", EvaluationHeadline::hqFraction),
            new Column("kl_uniform", EvaluationHeadline::klUniform),
            new Column("kl_classes", EvaluationHeadline::klClasses),
            new Column("precision", EvaluationHeadline::precision), new Column("recall", EvaluationHeadline::recall),
            new Column("density", EvaluationHeadline::density), new Column("coverage", EvaluationHeadline::coverage),
            new Column("gan_test", EvaluationHeadline::ganTest), new Column("gan_train", EvaluationHeadline::ganTrain),
            new Column("memorisation_ratio", EvaluationHeadline::memorisationRatio),
            new Column("duplicate_rate", EvaluationHeadline::duplicateRate));

    private final Thumbnails thumbnails;
    private Long bestId;
    private List<String> shownMetrics;

    CheckpointTable(PreviewStore previews) {
        thumbnails = new Thumbnails(previews, getElement());
        addDetachListener(e -> thumbnails.clear());
        setId("checkpoints");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        buildColumns(List.of("fid"));
    }

    private void buildColumns(List<String> metrics) {
        removeAllColumns();
        addColumn(c -> (c.id() == (bestId == null ? -1 : bestId) ? "★ " : "") + c.step()).setHeader("Step").setAutoWidth(true);
        addColumn(LitRenderer.<CheckpointSummary>of("${item.thumb ? html`<img class=\"preview-thumb\" "
                        + "src=\"${item.thumb}\" alt=\"samples of step ${item.step}\" data-checkpoint=\"${item.id}\" "
                        + "style=\"width: 64px; height: auto; border: 1px solid var(--lumo-contrast-10pct)\">` : ''}")
                .withProperty("thumb", thumbnails::url).withProperty("step", CheckpointSummary::step)
                .withProperty("id", CheckpointSummary::id))
                .setHeader("Samples").setAutoWidth(true).setFlexGrow(0);
        addColumn(CheckpointSummary::kind).setHeader("Kind").setAutoWidth(true);
        addComponentColumn(CheckpointTable::status).setHeader("Status").setAutoWidth(true);
        for (Column column : COLUMNS) {
            if (metrics.contains(column.header())) {
                addColumn(c -> latest(c).map(e -> number(column.value().apply(headline(e)))).orElse(""))
                        .setHeader(column.header()).setAutoWidth(true);
            }
        }
        addColumn(c -> latest(c).map(EvaluationSummary::extractor).orElse("")).setHeader("Extractor").setAutoWidth(true);
        shownMetrics = metrics;
    }

    /** The columns of {@link #COLUMNS} that some checkpoint's latest evaluation has a number for (fid when none). */
    static List<String> metricsPresent(List<CheckpointSummary> checkpoints) {
        List<EvaluationHeadline> headlines = checkpoints.stream().map(CheckpointTable::latest)
                .flatMap(Optional::stream).map(CheckpointTable::headline).toList();
        List<String> present = COLUMNS.stream()
                .filter(column -> headlines.stream().anyMatch(h -> column.value().apply(h) != null))
                .map(Column::header).toList();
        return present.isEmpty() ? List.of("fid") : present;
    }

    void show(List<CheckpointSummary> checkpoints) {
        List<String> metrics = metricsPresent(checkpoints);
        if (!metrics.equals(shownMetrics)) {
            buildColumns(metrics);
        }
        bestId = bestBeforeCollapse(checkpoints);
        thumbnails.retain(checkpoints);
        setItems(checkpoints);
        recalculateColumnWidths(); // a progress line is longer than the status it replaces
    }

    /** The checkpoint the leaderboard's "best before collapse" policy would pick, by FID. */
    static Long bestBeforeCollapse(List<CheckpointSummary> byStep) {
        // every evaluated checkpoint counts for the collapse; only those with a FID can be picked
        List<Evaluated> evaluated = byStep.stream()
                .flatMap(c -> latest(c).map(e -> new Evaluated(c.id(), headline(e))).stream())
                .filter(e -> e.headline().fid() != null || e.headline().collapsed())
                .toList();
        return CheckpointPolicy.BEST_BEFORE_COLLAPSE.choose(evaluated, Direction.forMetric("fid"),
                e -> e.headline().fid(), e -> e.headline().collapsed()).map(Evaluated::checkpointId).orElse(null);
    }

    private record Evaluated(long checkpointId, EvaluationHeadline headline) {
    }

    private static Optional<EvaluationSummary> latest(CheckpointSummary c) {
        return c.evaluations() == null || c.evaluations().isEmpty() ? Optional.empty()
                : Optional.of(c.evaluations().get(c.evaluations().size() - 1));
    }

    private static EvaluationHeadline headline(EvaluationSummary e) {
        return EvaluationHeadline.of(e.metrics());
    }

    /** "evaluating — features 4,000 / 10,000 (ETA 12 s)" while a worker reports progress, else the status. */
    static String statusText(CheckpointSummary c) {
        CheckpointProgress p = c.progress();
        if (p == null) {
            return c.status();
        }
        String counts = p.total() > 0 ? String.format(Locale.ROOT, " %,d / %,d", p.done(), p.total()) : "";
        String eta = p.etaSeconds() == null ? "" : " (ETA " + eta(p.etaSeconds()) + ")";
        return c.status() + " — " + p.stage() + counts + eta;
    }

    private static String eta(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds + 30) / 60 + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    /** "diverged — 25 % non-finite", "collapsed", or the checkpoint's status with progress. */
    static String statusLine(CheckpointSummary c) {
        Optional<EvaluationSummary> e = latest(c);
        if (e.isPresent() && headline(e.get()).diverged()) {
            JsonNode fraction = e.get().metrics().get("non_finite_fraction");
            return fraction == null || !fraction.isNumber() ? "diverged"
                    : String.format(Locale.ROOT, "diverged — %.3g %% non-finite", 100 * fraction.asDouble());
        }
        return e.isPresent() && headline(e.get()).collapsed() ? "collapsed" : statusText(c);
    }

    private static Span status(CheckpointSummary c) {
        String line = statusLine(c);
        String text = line.startsWith("diverged") ? "diverged" : line.equals("collapsed") ? line : c.status();
        Span span = new Span(line);
        if (c.statusDetail() != null && !c.statusDetail().isBlank()) {
            span.getElement().setAttribute("title", c.statusDetail());
        }
        String color = switch (text) {
            case "collapsed", "failed", "diverged" -> "var(--lumo-error-text-color)";
            case "evaluated" -> "var(--lumo-success-text-color)";
            default -> "var(--lumo-secondary-text-color)";
        };
        span.getStyle().set("color", color);
        return span;
    }

    private static String number(Number value) {
        if (value == null) {
            return "";
        }
        double v = value.doubleValue();
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
