package dev.ganboard.worker.generator;

import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.GeneratedSamples;

/** The evaluation suite on samples in memory (in production {@code SamplesEvaluator::evaluateSamples}). */
@FunctionalInterface
public interface SampleSuite {
    EvaluationReport evaluate(EvaluationInput input, GeneratedSamples samples);
}
