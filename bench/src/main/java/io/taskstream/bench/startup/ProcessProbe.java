package io.taskstream.bench.startup;

import io.taskstream.localstack.launcher.ServiceJvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Start-up probes: /health every 10 ms, a process's resident memory, and a bare JVM's start-to-exit time. */
final class ProcessProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private ProcessProbe() {
    }

    /** Polls {@code url} every 10 ms until it answers 200; returns System.nanoTime() of that answer, or -1 after the timeout. */
    static long firstHealthy(String url, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return -1;
    }

    /** The fastest of {@code runs} starts of {@code java <options> -version} to its exit, in seconds. */
    static double bareJvmSeconds(List<String> options, int runs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        ServiceJvm jvm = ServiceJvm.current();
        command.add(jvm.executable().toString());
        command.addAll(jvm.baseOptions());
        command.addAll(options);
        command.add("-version");
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("java -version did not exit within 60 s");
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}
