package dev.ganboard.backend.kafka;

import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.protocol.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/** The backend's Kafka producer, consumer factory and topic set-up. */
@ApplicationScoped
public class KafkaClients {
    private static final Logger LOG = Logger.getLogger(KafkaClients.class);
    /** Startup order: topics before consumers. */
    public static final int TOPICS_READY = 10;

    @Inject
    BrokerAddress broker;
    @Inject
    GanboardConfig config;

    private volatile KafkaProducer<String, byte[]> producer;

    void createTopics(@Observes @Priority(TOPICS_READY) StartupEvent event) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        int partitions = config.kafka().partitions();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(Topics.METRICS, Topics.CHECKPOINTS, Topics.EVALUATIONS, Topics.DLQ).stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, t.equals(Topics.DLQ) ? 1 : partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                LOG.infof("created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + broker.bootstrapServers() + " to create topics", e);
        }
    }

    public KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    // every send is waited for, so lingering only adds latency; concurrent sends still batch
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafka().compression());
                    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
                    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /** Sends and waits for the broker's acknowledgement, so a 2xx answer means the record is durable in Kafka. */
    public void sendAndWait(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value))
                    .get(config.kafka().ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(topic, e);
        }
    }

    /**
     * Sends without blocking the caller: the future completes on the producer's acknowledgement (then the record is
     * durable in Kafka), or fails with {@link KafkaUnavailableException} when there is none within {@code ganboard.kafka.ack-timeout} (30 s).
     */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(new KafkaUnavailableException(topic, error));
                }
            });
        } catch (RuntimeException e) { // no metadata within max.block.ms, producer closed, record too large
            acked.completeExceptionally(new KafkaUnavailableException(topic, e));
        }
        CompletableFuture<Void> out = new CompletableFuture<>();
        acked.orTimeout(config.kafka().ackTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (error == null) {
                out.complete(null);
            } else {
                out.completeExceptionally(error instanceof KafkaUnavailableException k ? k
                        : new KafkaUnavailableException(topic, error));
            }
        });
        return out;
    }

    public KafkaConsumer<String, byte[]> consumer(String groupId, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
