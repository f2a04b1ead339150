package io.taskstream.bench;

import io.taskstream.bench.report.Environment;
import io.taskstream.localstack.launcher.ServiceJvm;
import org.apache.kafka.common.utils.AppInfoParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** What the run was measured on: read from the machine and the running servers, never assumed. */
final class Machine {

    private Machine() {
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String postgres(BenchStack stack) {
        try (Connection c = stack.connect("api-service"); Statement s = c.createStatement()) {
            return query(s, "SHOW server_version") + " (embedded, same machine), fsync=" + query(s, "SHOW fsync")
                    + ", synchronous_commit=" + query(s, "SHOW synchronous_commit")
                    + ", shared_buffers=" + query(s, "SHOW shared_buffers");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String query(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static Environment environment(String loadAverage, String cpuReference, String postgres) {
        return new Environment(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")",
                loadAverage, cpuReference, postgres,
                "Apache Kafka " + AppInfoParser.getVersion() + " KRaft, one node inside the bench JVM, "
                        + BenchStack.PARTITIONS + " partitions per topic",
                ServiceJvm.current().toString(),
                BenchStack.SERVICE_JVM_OPTIONS,
                "Everything runs on this machine over loopback: the bench's load generators and the Kafka broker (one "
                        + "JVM), PostgreSQL and the five service JVMs share its cores. Every raw limit was measured in this "
                        + "run on this machine.");
    }
}
