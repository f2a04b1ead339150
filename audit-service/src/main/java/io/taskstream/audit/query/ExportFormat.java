package io.taskstream.audit.query;

import io.micronaut.json.JsonMapper;
import io.taskstream.audit.log.AuditEntryView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The export formats: one JSON object per line, or RFC 4180 CSV with a header row. */
public enum ExportFormat {

    NDJSON("ndjson", "application/x-ndjson") {
        @Override
        byte[] header() {
            return new byte[0];
        }

        @Override
        byte[] render(AuditEntryView entry, JsonMapper json) {
            try {
                byte[] object = json.writeValueAsBytes(entry);
                byte[] line = Arrays.copyOf(object, object.length + 1);
                line[object.length] = '\n';
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },

    CSV("csv", "text/csv; charset=utf-8") {
        @Override
        byte[] header() {
            return CsvRows.header().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        byte[] render(AuditEntryView entry, JsonMapper json) {
            return CsvRows.row(entry, json).getBytes(StandardCharsets.UTF_8);
        }
    };

    public final String param;
    public final String contentType;

    ExportFormat(String param, String contentType) {
        this.param = param;
        this.contentType = contentType;
    }

    abstract byte[] header();

    abstract byte[] render(AuditEntryView entry, JsonMapper json);

    /** @throws IllegalArgumentException naming the accepted values */
    public static ExportFormat fromParam(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.param.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be ndjson or csv"));
    }
}
