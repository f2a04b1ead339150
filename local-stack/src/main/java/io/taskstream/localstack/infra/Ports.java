package io.taskstream.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers: a free ephemeral port for tests, and a clear error when a fixed port is taken. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
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
