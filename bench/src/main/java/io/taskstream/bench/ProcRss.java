package io.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/<pid>/status}. */
public final class ProcRss {

    private ProcRss() {
    }

    /** VmRSS in MiB. */
    public static double mib(long pid) throws IOException {
        return kib(Files.readString(Path.of("/proc", Long.toString(pid), "status"))) / 1024.0;
    }

    public static long kib(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }
}
