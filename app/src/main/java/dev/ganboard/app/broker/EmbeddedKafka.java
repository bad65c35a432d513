package dev.ganboard.app.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.internals.Exit;
import org.jboss.logging.Logger;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM. Its log directory persists, so a
 * restart keeps every record and committed offset.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);
    private final KafkaRaftServer server;
    private final String bootstrap;

    public EmbeddedKafka(Path dir, int brokerPort) {
        keepTheJvmAlive();
        try {
            Files.createDirectories(dir);
            int port = brokerPort == 0 ? freePort() : brokerPort;
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("log.dirs", dir.resolve("data").toString());
            p.put("num.partitions", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
            p.put("log.retention.hours", "168");
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                p.store(w, "written by GANBoard on every start");
            }
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(config);
            }
            server = new KafkaRaftServer(new KafkaConfig(p), Time.SYSTEM);
            server.startup();
            bootstrap = "127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dir, e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Same as `kafka-storage.sh format` on a new log directory; a formatted one keeps its cluster id. */
    private static void format(Path config) {
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka log directory for " + config + " failed (exit " + rc + ")");
        }
    }

    /**
     * Kafka's fault handlers end the process (Exit.halt) on fatal errors, which is right for a dedicated broker but
     * would take the whole platform down with it; here they are logged and surface as exceptions instead.
     */
    private static void keepTheJvmAlive() {
        Exit.setExitProcedure((status, message) -> {
            LOG.errorf("embedded Kafka asked to exit (%d): %s", status, message);
            throw new IllegalStateException("embedded Kafka asked to exit (" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            LOG.errorf("embedded Kafka asked to halt (%d): %s", status, message);
            throw new IllegalStateException("embedded Kafka asked to halt (" + status + "): " + message);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
