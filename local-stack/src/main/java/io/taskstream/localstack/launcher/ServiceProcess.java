package io.taskstream.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One service running as its own operating-system process, with its output in a log file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final String baseUrl;
    private final long launchedAtNanos = System.nanoTime();
    private volatile long healthyAtNanos;
    private volatile boolean stopping;
    private volatile Runnable afterStop = () -> { };

    private ServiceProcess(String name, Process process, Path logFile, String baseUrl) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
    }

    public static ServiceProcess launch(String name, Path java, Path jar, List<String> javaOptions, Map<String, String> env,
                                        Path logFile, String baseUrl, Consumer<ServiceProcess> onCrash) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(name, builder.start(), logFile, baseUrl);
            service.process.onExit().thenAccept(p -> {
                if (!service.stopping) {
                    onCrash.accept(service);
                }
            });
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} right after the process was started. */
    public long launchedAtNanos() {
        return launchedAtNanos;
    }

    /** {@link System#nanoTime()} when {@link #awaitHealthy} first saw {@code /health} answer 200 (0 before). */
    public long healthyAtNanos() {
        return healthyAtNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** Polls {@code /health} until it answers 200; fails early if the process dies. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it became healthy. Last lines of " + logFile + ":\n" + tail(30));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    healthyAtNanos = System.nanoTime();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not healthy at " + baseUrl + "/health within "
                + timeout.toSeconds() + " s. Last lines of " + logFile + ":\n" + tail(30));
    }

    /** SIGTERM, then up to {@code grace} for a clean exit, then SIGKILL. */
    public void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            afterStop.run();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killWithChildren();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killWithChildren();
        }
        afterStop.run();
    }

    /** A JVM writing its AOT cache at exit does so in a child JVM, which a kill of the parent alone would orphan. */
    private void killWithChildren() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Runs {@code action} once the process has exited after {@link #stop} (not after a crash). */
    void afterStop(Runnable action) {
        this.afterStop = action;
    }

    /** The last lines of this service's log, for crash reports. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
