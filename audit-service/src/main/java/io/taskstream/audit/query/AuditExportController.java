package io.taskstream.audit.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Streams every matching audit entry as an NDJSON or CSV download, with the same filters and access rules as GET /audit. */
@Controller("/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuditExportController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditQueries queries;
    private final Clock clock = Clock.systemUTC();

    AuditExportController(AuditQueries queries) {
        this.queries = queries;
    }

    @Get("/export")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<StreamedFile> export(Authentication caller, @Nullable @QueryValue String format,
                                      @Nullable @QueryValue String taskId, @Nullable @QueryValue String userId,
                                      @Nullable @QueryValue("type") List<String> type, @Nullable @QueryValue String from,
                                      @Nullable @QueryValue String to) {
        AuditRequests.ExportRequest request = AuditRequests.export(caller, format, taskId, userId, type, from, to);
        ExportFormat exportFormat = request.format();
        MediaType mediaType = MediaType.of(exportFormat.contentType);
        String filename = "audit-" + STAMP.format(clock.instant()) + "." + exportFormat.param;
        return HttpResponse.ok(new StreamedFile(queries.export(request.filter(), exportFormat), mediaType))
                .contentType(mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
