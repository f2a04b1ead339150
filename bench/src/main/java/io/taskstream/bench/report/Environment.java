package io.taskstream.bench.report;

import java.util.List;

/** Where and how the run was measured. */
public record Environment(int cores, String os, String java, String loadAverageAtStart, String cpuReference,
                          String postgres, String kafka, String serviceJava, List<String> serviceJvmOptions,
                          String note) {
}
