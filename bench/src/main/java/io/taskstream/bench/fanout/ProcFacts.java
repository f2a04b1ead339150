package io.taskstream.bench.fanout;

import io.taskstream.localstack.launcher.ServiceJvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What Linux and the JVM say about a process: RSS, open files and their limit, heap used after a GC. */
final class ProcFacts {

    /** A generation's (or G1's whole heap's) line: "def new generation total …" (17), "DefNew total …" (25). */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*\\S[^\\n]*?\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private ProcFacts() {
    }

    /** The soft limit of open files of a process. */
    static long openFileLimit(long pid) throws IOException {
        return openFileLimit(Files.readString(Path.of("/proc", Long.toString(pid), "limits")));
    }

    static long openFileLimit(String procLimits) {
        for (String line : procLimits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IllegalArgumentException("no 'Max open files' line");
    }

    static long openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Heap used in MiB right after a full GC: {@code jcmd <pid> GC.run}, then {@code GC.heap_info}. */
    static double heapAfterGcMiB(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return heapUsedKiB(jcmd(pid, "GC.heap_info")) / 1024.0;
    }

    /** Sum of the "used" of every generation (Serial, Parallel) or of the whole heap (G1) in GC.heap_info. */
    static long heapUsedKiB(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalArgumentException("no heap usage in GC.heap_info: " + heapInfo.strip());
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        // the services' own JDK: the attach protocol and GC.heap_info's format are theirs
        Path jcmd = Optional.of(ServiceJvm.current().executable().resolveSibling("jcmd"))
                .filter(Files::isExecutable).orElse(Path.of("jcmd"));
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out).strip());
        }
        return new String(out);
    }
}
