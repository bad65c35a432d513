package dev.ganboard.app.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the test server, so a test can take "the server" away from the SDK (connections refused
 * and open ones cut) and bring it back on the same port, or let requests reach the server while their answers
 * are lost on the way back. The Quarkus application itself cannot be restarted inside a @QuarkusTest.
 */
final class TcpProxy implements AutoCloseable {
    private final int target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger answersToLose = new AtomicInteger();
    final AtomicInteger answersLost = new AtomicInteger();
    private volatile ServerSocket server;

    TcpProxy(int target) throws IOException {
        this.target = target;
        ServerSocket s = bind(0);
        this.port = s.getLocalPort();
        accept(s);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The server is gone: new connections are refused and open ones are cut. */
    synchronized void down() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    synchronized void up() throws IOException {
        if (server == null) {
            accept(bind(port));
        }
    }

    /** The next {@code n} answers from the server are dropped and their connections closed. */
    void loseAnswers(int n) {
        answersToLose.set(n);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void accept(ServerSocket s) {
        server = s;
        Thread.ofPlatform().daemon().name("proxy-accept").start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = connect(s, client);
                    if (upstream == null) {
                        return;
                    }
                    pump(client, upstream, false);
                    pump(upstream, client, true);
                } catch (IOException e) {
                    return; // closed by down()
                }
            }
        });
    }

    /**
     * Joins an accepted client to the server, unless {@code down()} closed the listener meanwhile: closing a
     * ServerSocket does not stop an accept() already blocked on it from returning a connection that arrived in
     * that instant, and a connection let through then would keep the server reachable while "down".
     */
    private synchronized Socket connect(ServerSocket listener, Socket client) throws IOException {
        if (server != listener) {
            client.close();
            return null;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        return upstream;
    }

    private void pump(Socket from, Socket to, boolean answers) {
        Thread.ofPlatform().daemon().name("proxy-pump").start(() -> {
            byte[] buf = new byte[64 * 1024];
            try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (answers && answersToLose.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
                        answersLost.incrementAndGet();
                        return; // the request was processed; its answer never arrives
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side closed: both go
            } finally {
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
