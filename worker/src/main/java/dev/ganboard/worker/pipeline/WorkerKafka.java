package dev.ganboard.worker.pipeline;

import dev.ganboard.worker.WorkerSettings;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The worker's Kafka clients: a manually committing group consumer and an acknowledged, idempotent producer. */
final class WorkerKafka {
    private WorkerKafka() {
    }

    static KafkaConsumer<String, byte[]> consumer(WorkerSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, s.workerId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // chunk records are up to ~1 MiB: a few per poll keeps commits fine-grained and memory small
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        // evaluations run on the polling thread; one may take minutes once TorchScript sampling exists
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 10 * 60 * 1000);
        // a worker that dies (pod killed, SIGKILL) releases its partitions after 15 s instead of the default 45 s
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<String, byte[]> producer(WorkerSettings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, s.workerId() + "-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
