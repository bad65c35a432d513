package dev.ganboard.demo.study;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep: every variant on every dataset with every seed, each run trained for {@code steps} generator updates,
 * with {@code samplesPerCheckpoint} generated points every {@code checkpointEvery} steps and at the last step.
 */
public record Study(String name, List<String> datasets, List<Variant> variants, List<Long> seeds, int steps,
                    int checkpointEvery, int samplesPerCheckpoint) {

    public Study {
        datasets = List.copyOf(datasets);
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
    }

    /**
     * All runs, seed-major, so that the leaderboard fills evenly: after the first datasets x variants runs every
     * variant has one seed on every dataset.
     */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (long seed : seeds) {
            for (String dataset : datasets) {
                for (Variant variant : variants) {
                    jobs.add(new Job(this, dataset, variant, seed));
                }
            }
        }
        return jobs;
    }

    /** Checkpoint steps of one run: multiples of checkpointEvery, and the last step. */
    public List<Long> checkpointSteps() {
        List<Long> steps = new ArrayList<>();
        for (long s = checkpointEvery; s <= this.steps; s += checkpointEvery) {
            steps.add(s);
        }
        if (this.steps % checkpointEvery != 0) {
            steps.add((long) this.steps);
        }
        return steps;
    }

    public boolean isCheckpoint(long step) {
        return step % checkpointEvery == 0 || step == steps;
    }
}
