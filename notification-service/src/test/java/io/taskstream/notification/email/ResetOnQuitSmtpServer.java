package io.taskstream.notification.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server over a socket that accepts every message (250 to DATA) and then resets the
 * connection when the client says QUIT, as a server or a middlebox that drops the connection after the
 * transaction does. Records the body of every message it accepted.
 */
final class ResetOnQuitSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    ResetOnQuitSmtpServer() {
        try {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon(() -> converse(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            reply(out, "220 reset-on-quit ready");
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.toUpperCase();
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 reset-on-quit");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    StringBuilder body = new StringBuilder();
                    for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                        body.append(data).append('\n');
                    }
                    accepted.add(body.toString());
                    reply(out, "250 accepted");
                } else if (command.startsWith("QUIT")) {
                    socket.setSoLinger(true, 0); // close = RST: the client's wait for 221 fails
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "reset-on-quit-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
