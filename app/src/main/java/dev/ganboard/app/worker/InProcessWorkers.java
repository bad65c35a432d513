package dev.ganboard.app.worker;

import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.worker.pipeline.EvaluationWorker;
import dev.ganboard.worker.WorkerSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation workers of the single-machine platform: plain {@link EvaluationWorker}s (no Quarkus inside) in
 * this JVM, each with its own scratch directory under $GANBOARD_HOME/worker. A cluster runs the same class as
 * processes of their own instead.
 */
@ApplicationScoped
public class InProcessWorkers {
    @Inject
    WorkerConfig config;
    @Inject
    GanboardConfig ganboard;
    @Inject
    BrokerAddress broker;

    private final List<EvaluationWorker> workers = new ArrayList<>();

    void start(@Observes @Priority(KafkaClients.TOPICS_READY + 20) StartupEvent event) {
        if (config.enabled()) {
            startWorkers();
        }
    }

    public synchronized void startWorkers() {
        if (!workers.isEmpty()) {
            return;
        }
        String host = hostName();
        for (int i = 0; i < config.instances(); i++) {
            String id = "inproc-" + host + "-" + (i + 1);
            workers.add(EvaluationWorker.start(new WorkerSettings(broker.bootstrapServers(),
                    WorkerSettings.DEFAULT_GROUP, id, ganboard.home().resolve("worker").resolve(id),
                    config.maxSamples(), config.abandonAfter(), ganboard.home().resolve("cache"),
                    Math.min(config.generatedSamples(), config.maxSamples()))));
        }
    }

    /** Stops every worker; what they had not committed is delivered again when workers start. */
    public synchronized void stopWorkers() {
        workers.forEach(EvaluationWorker::close);
        workers.clear();
    }

    void stop(@Observes ShutdownEvent event) {
        stopWorkers();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
