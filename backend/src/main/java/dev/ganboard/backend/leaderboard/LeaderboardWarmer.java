package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.live.RunUpdates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Recomputes the boards people looked at shortly after a project's evaluations change, so the next visit finds them
 * cached instead of paying for the statistics. Changes arriving in a burst (a study's checkpoints) are coalesced:
 * a project is recomputed at most once per delay.
 */
@Startup
@ApplicationScoped
public class LeaderboardWarmer {
    private static final Logger LOG = Logger.getLogger(LeaderboardWarmer.class);

    @Inject
    RunUpdates updates;

    @Inject
    LeaderboardService leaderboards;

    @ConfigProperty(name = "ganboard.leaderboard.warm-delay", defaultValue = "PT2S")
    java.time.Duration delay;

    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private RunUpdates.Registration registration;

    @PostConstruct
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("leaderboard-warmer").daemon().factory());
        registration = updates.subscribeAll((projectId, runId) -> changed(projectId));
    }

    void changed(long projectId) {
        if (pending.add(projectId)) {
            executor.schedule(() -> warm(projectId), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether no recomputation is waiting or running. */
    public boolean idle() {
        return pending.isEmpty() && running.get() == 0;
    }

    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

    private void warm(long projectId) {
        running.incrementAndGet();
        pending.remove(projectId);
        try {
            warmBoards(projectId);
        } finally {
            running.decrementAndGet();
        }
    }

    private void warmBoards(long projectId) {
        for (LeaderboardService.Request r : leaderboards.recentRequests(projectId)) {
            try {
                leaderboards.board(projectId, r.metric(), r.extractor(), r.policy());
            } catch (RuntimeException e) {
                LOG.debugf("not warming a board of project %d (%s): %s", projectId, r, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        registration.close();
        executor.shutdownNow();
    }
}
