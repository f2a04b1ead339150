package io.taskstream.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.bench.report.JsonReport;
import io.taskstream.localstack.infra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The Node {@code ws} peer ({@code bench/ws-peer/server.js}) as a child process: installed with
 * {@code npm ci} when its node_modules is missing, a control socket to make it broadcast and to read its
 * memory after a GC.
 */
final class WsPeer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private WebSocket control;
    private volatile CompletableFuture<String> reply = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    private WsPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Memory of the peer after {@code global.gc()}, in bytes. */
    record Stats(int connections, long rss, long heapUsed, long external, boolean gc) {
    }

    static WsPeer start(Path peerDir, Path logFile) throws IOException, InterruptedException {
        if (!Files.isRegularFile(peerDir.resolve("server.js"))) {
            throw new IllegalStateException("no " + peerDir.resolve("server.js"));
        }
        requireTool("node");
        if (!Files.isDirectory(peerDir.resolve("node_modules").resolve("ws"))) {
            requireTool("npm");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(peerDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("`npm ci` in " + peerDir + " failed (output in " + logFile + ")");
            }
        }
        int port = Ports.free();
        Process p = new ProcessBuilder("node", "--expose-gc", "server.js", Integer.toString(port)).directory(peerDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        WsPeer peer = new WsPeer(p, port);
        try {
            peer.awaitHealthy(Duration.ofSeconds(30), logFile);
            peer.openControl();
            return peer;
        } catch (IOException | InterruptedException | RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    private static void requireTool(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException absent) {
            // reported below
        }
        throw new IllegalStateException("the fan-out scenario needs `" + tool + "` (Node.js 18+ with npm) on the PATH "
                + "for its Node ws peer; install Node.js or run the other scenarios (--only ...)");
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException, IOException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the ws peer exited with " + process.exitValue() + ": "
                        + Files.readString(log).strip());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("the ws peer did not answer /health within " + timeout.toSeconds() + " s");
    }

    private void openControl() {
        control = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/control"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            reply.complete(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).orTimeout(15, TimeUnit.SECONDS).join();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Sends each message to the peer, which sends it to every subscriber as it arrives. */
    void broadcast(List<String> messages) {
        for (String m : messages) {
            control.sendText(m, true).orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    Stats stats() throws IOException {
        reply = new CompletableFuture<>();
        control.sendText("!stats", true).orTimeout(10, TimeUnit.SECONDS).join();
        JsonNode s = JsonReport.mapper().readTree(reply.orTimeout(60, TimeUnit.SECONDS).join());
        return new Stats(s.path("connections").asInt(), s.path("rss").asLong(), s.path("heap_used").asLong(),
                s.path("external").asLong(), s.path("gc").asBoolean());
    }

    @Override
    public void close() {
        if (control != null) {
            control.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The Node and ws versions the peer logged at start. */
    static String version(java.nio.file.Path log) {
        try {
            return java.nio.file.Files.readAllLines(log).stream().filter(l -> l.startsWith("ws peer listening"))
                    .reduce((a, b) -> b).map(l -> l.substring(l.indexOf('(') + 1, l.lastIndexOf(')'))).orElse("version unknown");
        } catch (java.io.IOException e) {
            return "version unknown";
        }
    }
}
