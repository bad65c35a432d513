package dev.ganboard.worker.generator;

import dev.ganboard.worker.eval.EvaluationInput;
import dev.ganboard.worker.eval.EvaluationReport;
import dev.ganboard.worker.eval.GeneratedSamples;

/** The evaluation suite on samples in memory (in production {@code SamplesEvaluator::evaluateSamples}). */
@FunctionalInterface
public interface SampleSuite {
    EvaluationReport evaluate(EvaluationInput input, GeneratedSamples samples);
}
