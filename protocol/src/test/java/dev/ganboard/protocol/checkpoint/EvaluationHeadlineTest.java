package dev.ganboard.protocol.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationHeadlineTest {
    /** The top level of the image suite's metrics, as a worker publishes them. */
    private static Map<String, Object> imageSuite() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes_covered", 9);
        m.put("n_classes", 10);
        m.put("kl_classes", 0.04);
        m.put("collapsed", false);
        m.put("fid", 12.5);
        m.put("kid", 0.011);
        m.put("is", 8.25);
        m.put("is_std", 0.125);
        m.put("precision", 0.75);
        m.put("recall", 0.5);
        m.put("density", 0.875);
        m.put("coverage", 0.625);
        m.put("memorisation_ratio", 1.03);
        m.put("duplicate_rate", 0.02);
        m.put("gan_test", 0.81);
        m.put("gan_baseline", 0.9);
        m.put("details", Map.of("fid", Map.of("n_real", 10_000)));
        return m;
    }

    @Test
    void readsEveryHeadlineNumberOfTheImageSuite() {
        EvaluationHeadline h = EvaluationHeadline.of(imageSuite());
        assertEquals(12.5, h.fid());
        assertEquals(0.011, h.kid());
        assertEquals(8.25, h.is());
        assertEquals(0.125, h.isStd());
        assertEquals(0.75, h.precision());
        assertEquals(0.5, h.recall());
        assertEquals(0.875, h.density());
        assertEquals(0.625, h.coverage());
        assertEquals(9, h.classesCovered());
        assertEquals(10, h.nClasses());
        assertEquals(0.04, h.klClasses());
        assertEquals(0.81, h.ganTest());
        assertEquals(0.9, h.ganBaseline());
        assertEquals(1.03, h.memorisationRatio());
        assertEquals(0.02, h.duplicateRate());
        assertFalse(h.collapsed());
        assertNull(h.modesCovered(), "a mixture's indicator, absent on images");
        assertNull(h.ganTrain(), "GAN-train was not run");
    }

    @Test
    void theStoredJsonGivesTheSameHeadlineAsTheRecordsMap() {
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("modes_covered", 3);
        points.put("n_modes", 8);
        points.put("hq_fraction", 0.5);
        points.put("kl_uniform", 1.2);
        points.put("collapsed", true);
        points.put("fid", 4.0);
        JsonNode stored = Json.mapper().valueToTree(points);
        assertEquals(EvaluationHeadline.of(points), EvaluationHeadline.of(stored));
        assertEquals(EvaluationHeadline.of(imageSuite()), EvaluationHeadline.of((JsonNode) Json.mapper().valueToTree(imageSuite())));
        EvaluationHeadline h = EvaluationHeadline.of(stored);
        assertTrue(h.collapsed());
        assertEquals(3, h.modesCovered());
        assertEquals(8, h.nModes());
        assertNull(h.is());
    }

    @Test
    void missingOrMistypedValuesAreAbsentAndCollapsedOnlyWhenTrue() {
        EvaluationHeadline none = EvaluationHeadline.of((Map<String, ?>) null);
        assertNull(none.fid());
        assertFalse(none.collapsed());
        EvaluationHeadline odd = EvaluationHeadline.of(Map.of("fid", "12", "collapsed", "true"));
        assertNull(odd.fid());
        assertFalse(odd.collapsed());
        assertNull(EvaluationHeadline.of((JsonNode) null).fid());
    }
}
