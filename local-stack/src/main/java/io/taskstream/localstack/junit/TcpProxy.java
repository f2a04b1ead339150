package io.taskstream.localstack.junit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder whose link can be cut and restored, so a test can take a real server
 * (PostgreSQL, say) away from the code under test the way an outage does: {@link #cut()} resets
 * every open connection and refuses new ones (connection refused), {@link #restore()} accepts
 * again on the same port. {@link #silenceOpenConnections()} is the other way a server goes: its host
 * vanishes mid-conversation, so open connections just go quiet (no reset, nothing delivered), while
 * new ones reach a server again, as after a database fails over to a new primary.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Sockets whose link was silenced: still open, so their peer sees neither FIN nor RST. */
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private final int port;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    public static TcpProxy to(String targetHost, int targetPort) {
        try {
            return new TcpProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy to " + targetHost + ":" + targetPort, e);
        }
    }

    /** The port this proxy listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Resets every forwarded connection and stops listening: new connections are refused. */
    public synchronized void cut() {
        closeQuietly(server);
        open.forEach(TcpProxy::reset);
        open.clear();
        silenced.forEach(TcpProxy::reset);
        silenced.clear();
        LOG.info("proxy :{} -> {}:{} cut", port, targetHost, targetPort);
    }

    /**
     * Every connection open now goes silent in both directions, for good: bytes are read and dropped,
     * and no FIN or RST is sent, as when the server's host disappears. New connections work normally.
     * Unlike a vanished host, once the client closes its end the server's end is closed too, so the
     * server ends that session at once rather than after its own timeouts.
     */
    public synchronized void silenceOpenConnections() {
        silenced.addAll(open);
        open.clear();
        LOG.info("proxy :{} -> {}:{}: {} open sockets silenced", port, targetHost, targetPort, silenced.size());
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        try {
            server = listen(port);
            acceptLoop(server);
            LOG.info("proxy :{} -> {}:{} restored", port, targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " again", e);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptLoop(ServerSocket listening) {
        Thread accept = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    forward(listening.accept());
                } catch (IOException e) {
                    // closed by cut() or close()
                }
            }
        }, "tcp-proxy-accept-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    private void forward(Socket client) {
        try {
            Socket upstream = new Socket(targetHost, targetPort);
            synchronized (this) { // not half in the open set when silenceOpenConnections() or cut() runs
                if (server.isClosed()) { // accepted just before a cut: it goes with the others
                    reset(client);
                    reset(upstream);
                    return;
                }
                open.add(client);
                open.add(upstream);
            }
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!silenced.contains(from)) {
                        out.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // one side went away; closing both below ends the other direction too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
                silenced.remove(from);
                silenced.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        copy.setDaemon(true);
        copy.start();
    }

    /** Closes with RST rather than FIN, as a crashed server's host would. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
