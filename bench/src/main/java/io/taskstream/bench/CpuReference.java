package io.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Fixed workloads timed on one thread of a fresh JVM, at the start and the end of each run: this
 * machine's speed drifts (runs minutes apart differ up to twofold in CPU per operation), so runs are
 * compared by them. SHA-256 over 16 MiB is pure computation; a Jackson tree parse + write of a
 * task.created event allocates and chases pointers, as the services do. Each: best of 5 timed rounds
 * after a warm-up. A fresh JVM each time, because the bench JVM's own state at the end of a run
 * (its heap, its JIT profiles) slowed the JSON workload twofold on its own.
 */
public final class CpuReference {

    private static final int SHA_BYTES = 16 << 20;
    private static final int JSON_PER_ROUND = 20_000;
    private static final int WARMUPS = 8;
    private static final int TIMED = 5;

    record Reading(double shaMegabytesPerSecond, double jsonRoundTripsPerSecond) {
    }

    private CpuReference() {
    }

    /** Runs the workloads in a new JVM with the bench's class path; its stderr goes to the bench's. */
    static Reading readInFreshJvm() throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CpuReference.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || !out.matches("[0-9.]+ [0-9.]+")) {
            throw new IllegalStateException("the CPU reference JVM failed: " + out);
        }
        String[] parts = out.split(" ");
        return new Reading(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }

    public static void main(String[] args) {
        System.out.println(String.format(Locale.ROOT, "%.3f %.3f", sha256(), json()));
    }

    static String describe(Reading atStart, Reading atEnd) {
        return String.format(Locale.ROOT, "one thread of a fresh JVM, best of %d rounds: SHA-256 %,.0f MB/s at the "
                        + "start, %,.0f at the end; JSON tree parse + write of a task.created event %,.0f/s at the start, "
                        + "%,.0f/s at the end (this machine's speed drifts; compare runs by these)", TIMED,
                atStart.shaMegabytesPerSecond(), atEnd.shaMegabytesPerSecond(),
                atStart.jsonRoundTripsPerSecond(), atEnd.jsonRoundTripsPerSecond());
    }

    private static double sha256() {
        byte[] data = new byte[SHA_BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        long best = bestRound(() -> sha.digest(data));
        return SHA_BYTES / 1e6 / (best / 1e9);
    }

    private static double json() {
        ObjectMapper mapper = new ObjectMapper();
        byte[] event = TaskEventSamples.created("bench-reference").domainJson();
        long best = bestRound(() -> {
            try {
                for (int i = 0; i < JSON_PER_ROUND; i++) {
                    JsonNode tree = mapper.readTree(event);
                    mapper.writeValueAsBytes(tree);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return JSON_PER_ROUND / (best / 1e9);
    }

    private static long bestRound(Runnable round) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < WARMUPS + TIMED; i++) {
            long start = System.nanoTime();
            round.run();
            long took = System.nanoTime() - start;
            if (i >= WARMUPS) {
                best = Math.min(best, took);
            }
        }
        return best;
    }
}
