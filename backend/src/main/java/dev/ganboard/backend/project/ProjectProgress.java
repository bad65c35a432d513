package dev.ganboard.backend.project;

/**
 * How far a project's study has got: its runs by status and its checkpoints by evaluation stage. A study creates
 * its runs as they start, so "runs" counts the runs seen so far, not the study's plan. {@code diverged}: the runs
 * that diverged ({@code DivergedRuns}), whatever their status; {@code evaluationDiverged}: the evaluated checkpoints
 * whose evaluation is diverged (part of {@code evaluated}).
 */
public record ProjectProgress(long runs, long running, long finished, long failed, long diverged,
                              long checkpoints, long waiting, long evaluating, long evaluated, long evaluationDiverged,
                              long evaluationFailed) {

    /** Finished (or failed) runs as a fraction of the runs seen; 0 for a project without runs. */
    public double runFraction() {
        return runs == 0 ? 0 : (double) (finished + failed) / runs;
    }

    /** Evaluated (or failed) checkpoints as a fraction of the uploaded ones; 1 when there are none. */
    public double evaluationFraction() {
        return checkpoints == 0 ? 1 : (double) (evaluated + evaluationFailed) / checkpoints;
    }
}
