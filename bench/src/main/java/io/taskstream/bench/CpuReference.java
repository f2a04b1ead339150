package io.taskstream.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A fixed CPU workload timed on one thread of the bench JVM: SHA-256 over 16 MiB, best of 5 after a
 * warm-up. This machine's speed drifts (runs minutes apart differ up to twofold in CPU per operation),
 * so each run reports it at its start and its end, and runs can be compared by it.
 */
final class CpuReference {

    private static final int BYTES = 16 << 20;
    private static final int WARMUPS = 8;
    private static final int TIMED = 5;

    private CpuReference() {
    }

    /** SHA-256 throughput of one thread, in MB/s (the best of the timed rounds). */
    static double sha256MegabytesPerSecond() {
        byte[] data = new byte[BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < WARMUPS + TIMED; round++) {
            long start = System.nanoTime();
            sha.update(data);
            sha.digest();
            long took = System.nanoTime() - start;
            if (round >= WARMUPS) {
                best = Math.min(best, took);
            }
        }
        return BYTES / 1e6 / (best / 1e9);
    }

    static String describe(double atStart, double atEnd) {
        return String.format(Locale.ROOT, "SHA-256 on one thread of the bench JVM, best of %d rounds over 16 MiB: "
                + "%,.0f MB/s at the start, %,.0f MB/s at the end (this machine's speed drifts; compare runs by it)",
                TIMED, atStart, atEnd);
    }
}
