package io.taskstream.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.report.JsonReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The task events the audit scenario feeds in, with the row audit-service would store for each. */
record AuditRows(List<TaskEventSamples.Created> events, List<String> payloads) {

    static AuditRows create(int count, int users) {
        List<TaskEventSamples.Created> events = new ArrayList<>(count);
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var created = TaskEventSamples.created("bench-audit-" + (i % users));
            events.add(created);
            payloads.add(data(created.domainJson()));
        }
        return new AuditRows(events, payloads);
    }

    /** The envelope's {@code data}: what audit-service stores in the payload column. */
    private static String data(byte[] envelopeJson) {
        try {
            JsonNode tree = JsonReport.mapper().readTree(envelopeJson);
            return tree.get("data").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
