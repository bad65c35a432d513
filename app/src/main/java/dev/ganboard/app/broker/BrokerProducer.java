package dev.ganboard.app.broker;

import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.backend.kafka.BrokerAddress;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Decides where Kafka is: an in-process broker under $GANBOARD_HOME/kafka, or the configured external cluster. */
@ApplicationScoped
public class BrokerProducer {
    private static final Logger LOG = Logger.getLogger(BrokerProducer.class);
    private EmbeddedKafka embedded;

    @Produces
    @Singleton
    BrokerAddress broker(GanboardConfig config) {
        if (!config.kafka().embedded()) {
            String bootstrap = config.kafka().bootstrap().orElseThrow(() -> new IllegalStateException(
                    "ganboard.kafka.embedded=false needs GANBOARD_KAFKA_BOOTSTRAP (host:port of the Kafka cluster)"));
            LOG.infof("using Kafka at %s", bootstrap);
            return () -> bootstrap;
        }
        long t0 = System.nanoTime();
        embedded = new EmbeddedKafka(config.home().resolve("kafka"), config.kafka().port());
        LOG.infof("embedded Kafka (KRaft) started at %s in %.1f s", embedded.bootstrapServers(),
                (System.nanoTime() - t0) / 1e9);
        String bootstrap = embedded.bootstrapServers();
        return () -> bootstrap;
    }

    /** After the consumers and producers closed (they observe shutdown at the default priority). */
    void stopBroker(@Observes @Priority(10_000) ShutdownEvent event) {
        stop();
    }

    void dispose(@Disposes BrokerAddress address) {
        stop();
    }

    private synchronized void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
            LOG.info("embedded Kafka stopped");
        }
    }
}
