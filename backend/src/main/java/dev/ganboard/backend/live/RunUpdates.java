package dev.ganboard.backend.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongConsumer;

/**
 * In-process notification that something of a project changed (a run created, points stored, a run finished),
 * so open browser views can refresh through server push. Inside a transaction the notice goes out after commit,
 * so a listener that reads the database sees the change. Listeners must be quick and must not throw.
 */
@ApplicationScoped
public class RunUpdates {
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    public Registration subscribe(long projectId, LongConsumer onRunChanged) {
        Listener listener = new Listener(projectId, onRunChanged, null);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Changes of every project, e.g. to recompute what depends on a project's evaluations. */
    public Registration subscribeAll(ProjectChangeListener onChange) {
        Listener listener = new Listener(ANY_PROJECT, runId -> { }, onChange);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(long projectId, long runId) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        deliver(projectId, runId);
                    }
                }
            });
        } else {
            deliver(projectId, runId);
        }
    }

    private void deliver(long projectId, long runId) {
        for (Listener listener : listeners) {
            if (listener.projectId == ANY_PROJECT) {
                listener.onProjectChanged.changed(projectId, runId);
            } else if (listener.projectId == projectId) {
                listener.onRunChanged.accept(runId);
            }
        }
    }

    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    @FunctionalInterface
    public interface ProjectChangeListener {
        void changed(long projectId, long runId);
    }

    private static final long ANY_PROJECT = -1;

    private record Listener(long projectId, LongConsumer onRunChanged, ProjectChangeListener onProjectChanged) {
    }
}
