package dev.ganboard.sdk;

import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For trainers inside the cluster: metric batches go straight to {@link Topics#METRICS} as the backend's own
 * MetricBatch records (key = run id), skipping the HTTP hop. Run creation and finish still use the REST API.
 * Needs org.apache.kafka:kafka-clients on the class path (an optional dependency of the SDK).
 */
final class KafkaTransport implements Transport {
    private final KafkaProducer<String, byte[]> producer;

    KafkaTransport(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ganboard-sdk");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    static KafkaTransport create(String bootstrap) {
        try {
            return new KafkaTransport(bootstrap);
        } catch (NoClassDefFoundError e) {
            throw new GanBoardException("transport KAFKA needs org.apache.kafka:kafka-clients on the class path "
                    + "(an optional dependency of ganboard-sdk)", e);
        }
    }

    /**
     * A binary body becomes the backend's binary record by filling in run id and received-at; a JSON body
     * {"seq":..,"points":[..]} (from an older SDK's WAL) becomes {"run_id":..,"received_at":..,"seq":..,"points":[..]}.
     */
    static byte[] record(long runId, long receivedAt, byte[] body) {
        if (MetricColumnsCodec.isBinary(body)) {
            return MetricColumnsCodec.stamp(body.clone(), runId, receivedAt);
        }
        byte[] prefix = ("{\"run_id\":" + runId + ",\"received_at\":" + receivedAt + ",")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length - 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 1, out, prefix.length, body.length - 1);
        return out;
    }

    @Override
    public Result send(long runId, long seq, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METRICS, Long.toString(runId),
                record(runId, System.currentTimeMillis(), body));
        try {
            producer.send(record).get(60, TimeUnit.SECONDS);
            return Result.DELIVERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.RETRY, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                return new Result(Outcome.REJECTED, e.getCause().getMessage());
            }
            return new Result(Outcome.RETRY, "Kafka: " + e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            return new Result(Outcome.RETRY, "Kafka: " + e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
