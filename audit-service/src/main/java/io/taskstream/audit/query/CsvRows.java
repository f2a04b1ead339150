package io.taskstream.audit.query;

import io.micronaut.json.JsonMapper;
import io.taskstream.audit.log.AuditEntryView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CSV lines of the export (RFC 4180: CRLF line ends; a field holding a comma, quote, CR or LF is
 * quoted with inner quotes doubled). {@code changes} and {@code data} hold compact JSON; an absent
 * value is an empty field.
 */
final class CsvRows {

    static final String[] COLUMNS = {"event_id", "event_type", "schema_version", "task_id", "user_id", "actor",
            "aggregate_version", "occurred_at", "recorded_at", "producer", "correlation_id", "causation_id",
            "changes", "data", "hash", "prev_hash"};

    private CsvRows() {
    }

    static String header() {
        return line(Stream.of(COLUMNS));
    }

    static String row(AuditEntryView e, JsonMapper json) {
        return line(Stream.of(e.eventId(), e.eventType(), e.schemaVersion(), e.taskId(), e.userId(), e.actor(),
                e.aggregateVersion(), e.occurredAt(), e.recordedAt(), e.producer(), e.correlationId(),
                e.causationId(), json(e.changes(), json), json(e.data(), json), e.hash(), e.prevHash()));
    }

    static String field(String value) {
        String cell = formulaSafe(value);
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first; OWASP "CSV injection") gets a
     * leading apostrophe: the caller's X-Request-Id becomes correlation_id, and an auditor opens the export.
     */
    static String formulaSafe(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String line(Stream<?> values) {
        return values.map(v -> v == null ? "" : field(Objects.toString(v))).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String json(Object node, JsonMapper json) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
