package dev.ganboard.app.support;

import dev.ganboard.backend.leaderboard.LeaderboardIndex;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small seed study indexed straight into the leaderboard: 3 variants × 5 seeds × 3 checkpoints of FID.
 * NS-GAN is clearly best, WGAN-GP in between, LSGAN worst; LSGAN's seed 4 collapses at its last checkpoint
 * with a deceptively low FID of 5.
 */
public final class StudyFixture {
    private static final AtomicLong EVALUATION_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    private StudyFixture() {
    }

    public static String create(LeaderboardIndex index, String apiKey) {
        String project = TestApi.unique("board");
        long projectId = TestApi.createProject(apiKey, project);
        for (int seed = 0; seed < 5; seed++) {
            addRun(index, apiKey, project, projectId, "NS-GAN", seed, new double[] {30 + seed, 20 + seed, 10 + seed}, -1);
            addRun(index, apiKey, project, projectId, "WGAN-GP", seed, new double[] {35 + seed, 25 + seed, 15 + seed}, -1);
            addRun(index, apiKey, project, projectId, "LSGAN", seed,
                    new double[] {50 + seed, 40 + seed, seed == 4 ? 5 : 30 + seed}, seed == 4 ? 2 : -1);
        }
        return project;
    }

    private static void addRun(LeaderboardIndex index, String apiKey, String project, long projectId, String variant,
                               long seed, double[] fidPerCheckpoint, int collapsedFrom) {
        long runId = TestApi.createRun(apiKey, project, variant, seed);
        for (int c = 0; c < fidPerCheckpoint.length; c++) {
            boolean collapsed = collapsedFrom >= 0 && c >= collapsedFrom;
            index.index(new LeaderboardIndex.Entry(projectId, runId, runId * 10 + c, EVALUATION_IDS.incrementAndGet(),
                    (c + 1) * 1000L, "identity", Map.of("fid", fidPerCheckpoint[c], "modes_covered", collapsed ? 1.0 : 8.0),
                    collapsed));
        }
    }
}
