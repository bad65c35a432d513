package dev.ganboard.frontend.project;

import com.vaadin.flow.component.UI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces bursts of change notices into at most one push refresh per interval: a training run logs many
 * batches a second, a browser needs a couple of repaints.
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

    public LiveRefresh(UI ui, Runnable refresh) {
        this.ui = ui;
        this.refresh = refresh;
    }

    public void request() {
        if (pending.compareAndSet(false, true)) {
            TIMER.schedule(() -> {
                pending.set(false);
                ui.access(refresh::run);
            }, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
