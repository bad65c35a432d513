package dev.ganboard.metrics.core;

/** A metric comparing a reference (real) sample with a generated (fake) one: FID, KID, precision/recall... */
public interface TwoSampleMetric<R extends MetricResult> {

    R compute(FeatureSource real, FeatureSource fake);
}
