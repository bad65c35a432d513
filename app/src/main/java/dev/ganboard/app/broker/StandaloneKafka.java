package dev.ganboard.app.broker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The same single-node KRaft broker as a process of its own, for single-host cluster mode
 * ({@code ./ganboard kafka [DIR] [PORT]}); a real cluster uses Strimzi (deploy/k8s).
 */
public final class StandaloneKafka {
    private StandaloneKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("user.home") + "/.ganboard/kafka-standalone");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        EmbeddedKafka kafka = new EmbeddedKafka(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }));
        System.out.println("Kafka (KRaft) listening at " + kafka.bootstrapServers() + ", data in " + dir);
        stopped.await();
    }
}
