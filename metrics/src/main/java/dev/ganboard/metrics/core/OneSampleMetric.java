package dev.ganboard.metrics.core;

/** A metric of one sample alone: Inception Score (of class probabilities), mode coverage (of 2-D points)... */
public interface OneSampleMetric<R extends MetricResult> {

    R compute(FeatureSource samples);
}
