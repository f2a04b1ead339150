package io.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process so far, from {@code /proc/<pid>/stat}.
 *
 * @param seconds       utime + stime: the process itself, all its threads
 * @param reapedSeconds cutime + cstime: children that exited and that it waited for
 */
public record ProcCpu(long pid, String comm, long ppid, double seconds, double reapedSeconds) {

    /** USER_HZ: the unit of the times in /proc/&lt;pid&gt;/stat (100 on every Linux that matters). */
    private static final double TICKS_PER_SECOND = 100.0;

    public static ProcCpu of(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    public static ProcCpu parse(String procStat) {
        // the command name may hold spaces and parentheses: it is whatever lies between the first '(' and the last ')'
        int open = procStat.indexOf('(');
        int close = procStat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + procStat);
        }
        // f[0] is field 3 (state): ppid is field 4, utime/stime/cutime/cstime are fields 14 to 17
        String[] f = procStat.substring(close + 1).trim().split("\\s+");
        return new ProcCpu(Long.parseLong(procStat.substring(0, open).trim()), procStat.substring(open + 1, close),
                Long.parseLong(f[1]), ticks(f[11]) + ticks(f[12]), ticks(f[13]) + ticks(f[14]));
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }
}
