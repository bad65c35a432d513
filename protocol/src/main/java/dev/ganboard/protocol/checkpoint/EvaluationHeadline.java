package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;

/**
 * The headline of one evaluation, typed: the numbers and flags at the top level of the suite's metrics JSON (beside
 * its "details"), which tables, charts and the leaderboard read. A number the suite did not compute is null (kid
 * and is on 2-D points, modes_covered on images); {@code collapsed} and {@code diverged} (non-finite samples, see
 * {@link EvaluationResult#DIVERGED}) are false unless the evaluation said true.
 *
 * <p>The JSON keys are named once, in {@link #read}: a new field (a flag such as {@code diverged}, a new metric) is
 * a component here and one line there, and every reader of the headline gets it.
 */
public record EvaluationHeadline(Double fid, Double kid, Double is, Double isStd, Double precision, Double recall,
                                 Double density, Double coverage, Integer modesCovered, Integer nModes,
                                 Double hqFraction, Double klUniform, Integer classesCovered, Integer nClasses,
                                 Double klClasses, Double ganTest, Double ganTrain, Double ganBaseline,
                                 Double memorisationRatio, Double duplicateRate, boolean collapsed,
                                 boolean diverged) {

    /** The headline of a result's metrics (as the worker builds them and the evaluation record carries them). */
    public static EvaluationHeadline of(Map<String, ?> metrics) {
        return read(key -> metrics == null ? null : metrics.get(key));
    }

    /** The headline of stored metrics JSON; null or a non-object gives an empty headline. */
    public static EvaluationHeadline of(JsonNode metrics) {
        return read(key -> metrics == null ? null : plain(metrics.get(key)));
    }

    private static EvaluationHeadline read(Function<String, Object> field) {
        return new EvaluationHeadline(
                number(field, "fid"), number(field, "kid"), number(field, "is"), number(field, "is_std"),
                number(field, "precision"), number(field, "recall"), number(field, "density"),
                number(field, "coverage"),
                count(field, "modes_covered"), count(field, "n_modes"), number(field, "hq_fraction"),
                number(field, "kl_uniform"),
                count(field, "classes_covered"), count(field, "n_classes"), number(field, "kl_classes"),
                number(field, "gan_test"), number(field, "gan_train"), number(field, "gan_baseline"),
                number(field, "memorisation_ratio"), number(field, "duplicate_rate"),
                Boolean.TRUE.equals(field.apply("collapsed")), Boolean.TRUE.equals(field.apply("diverged")));
    }

    private static Double number(Function<String, Object> field, String key) {
        return field.apply(key) instanceof Number n ? n.doubleValue() : null;
    }

    private static Integer count(Function<String, Object> field, String key) {
        return field.apply(key) instanceof Number n ? n.intValue() : null;
    }

    private static Object plain(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNumber() ? node.numberValue() : null;
    }
}
