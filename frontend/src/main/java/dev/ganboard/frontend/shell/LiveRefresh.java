package dev.ganboard.frontend.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import dev.ganboard.backend.live.RunUpdates;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

/**
 * Keeps a view current while it is open: it follows a project's change notices and repaints through server push,
 * coalescing bursts (a training run logs many batches a second) into at most one refresh per interval.
 */
public final class LiveRefresh {
    static final long INTERVAL_MILLIS = 500;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ui-live-refresh");
        t.setDaemon(true);
        return t;
    });

    private final UI ui;
    private final Runnable refresh;
    private final AtomicBoolean pending = new AtomicBoolean();

    private LiveRefresh(UI ui, Runnable refresh) {
        this.ui = ui;
        this.refresh = refresh;
    }

    /**
     * While {@code view} is attached, runs {@code refresh} (in the UI) after changes to the project's runs that
     * {@code runs} accepts. Calling it again for the same view and project does nothing.
     */
    public static void follow(Component view, RunUpdates updates, long projectId, LongPredicate runs, Runnable refresh) {
        Following existing = ComponentUtil.getData(view, Following.class);
        if (existing != null && existing.projectId() == projectId) {
            return;
        }
        if (existing != null) {
            existing.stop();
        }
        Following following = new Following(projectId, new RunUpdates.Registration[1], new Registration[2]);
        ComponentUtil.setData(view, Following.class, following);
        Runnable subscribe = () -> view.getUI().ifPresent(ui -> {
            LiveRefresh refresher = new LiveRefresh(ui, refresh);
            following.subscription()[0] = updates.subscribe(projectId, runId -> {
                if (runs.test(runId)) {
                    refresher.request();
                }
            });
        });
        following.listeners()[0] = view.addAttachListener(e -> subscribe.run());
        following.listeners()[1] = view.addDetachListener(e -> following.unsubscribe());
        if (view.isAttached()) {
            subscribe.run();
        }
    }

    private void request() {
        if (pending.compareAndSet(false, true)) {
            TIMER.schedule(() -> {
                pending.set(false);
                ui.access(refresh::run);
            }, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private record Following(long projectId, RunUpdates.Registration[] subscription, Registration[] listeners) {
        void unsubscribe() {
            if (subscription[0] != null) {
                subscription[0].close();
                subscription[0] = null;
            }
        }

        void stop() {
            unsubscribe();
            for (Registration r : listeners) {
                if (r != null) {
                    r.remove();
                }
            }
        }
    }
}
