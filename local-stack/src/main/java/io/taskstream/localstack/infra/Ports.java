package io.taskstream.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers: a free port for tests and local stacks, and a clear error when a fixed port is taken. */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port nothing listens on, below the kernel's ephemeral range when there is room. A port from
     * that range (what binding port 0 gives) can be taken as the local port of some outgoing Kafka,
     * JDBC or HTTP connection between this call and the moment a service binds it, which failed
     * stack starts with "Address already in use". Never the same port twice in one JVM.
     */
    public static int free() {
        int below = ephemeralLow() - 1;
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below + 1);
                if (HANDED_OUT.add(port) && isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** The first port of the ephemeral range (Linux's default 32768 where the file cannot be read). */
    public static int ephemeralLow() {
        try {
            // readAllLines, not readString: a sysctl file answers only a read from offset 0, and readString
            // (size 0, so it probes one byte first) got "3" of "32768 60999".
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message naming the port, who wanted it and how to move it. */
    public static void requireFree(int port, String usedFor, String envVarToChangeIt) {
        if (!isFree(port)) {
            throw new PortInUseException("port " + port + " (" + usedFor + ") is already in use. Stop whatever "
                    + "listens there (`ss -ltnp 'sport = :" + port + "'` shows it) or choose another port with "
                    + envVarToChangeIt + "=<port>.");
        }
    }

    public static class PortInUseException extends IllegalStateException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
