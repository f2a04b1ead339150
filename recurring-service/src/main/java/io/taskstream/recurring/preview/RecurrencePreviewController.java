package io.taskstream.recurring.preview;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.taskstream.recurring.recurrence.InvalidRecurrenceException;
import io.taskstream.recurring.recurrence.OccurrenceCalculator;
import io.taskstream.web.problem.Problem;
import io.taskstream.web.problem.ProblemException;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code GET /recurrence/preview}: what a rule would schedule, or why it cannot be used. */
@Controller("/recurrence")
@Secured(SecurityRule.IS_AUTHENTICATED)
class RecurrencePreviewController {

    private final OccurrenceCalculator calculator;

    RecurrencePreviewController(OccurrenceCalculator calculator) {
        this.calculator = calculator;
    }

    @Get("/preview")
    RecurrencePreview preview(@Nullable @QueryValue String rrule, @Nullable @QueryValue String tz,
                              @Nullable @QueryValue String from, @Nullable @QueryValue String count) {
        PreviewRequest request = PreviewRequest.parse(rrule, tz, from, count);
        List<ZonedDateTime> occurrences;
        try {
            occurrences = calculator.first(request.series(), request.count() + 1);
        } catch (InvalidRecurrenceException e) {
            throw ProblemException.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY,
                    List.of(new Problem.FieldError("rrule", e.getMessage())));
        }
        boolean more = occurrences.size() > request.count();
        List<RecurrencePreview.Occurrence> listed = occurrences.stream().limit(request.count())
                .map(t -> new RecurrencePreview.Occurrence(t.toInstant().toString(),
                        t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                .toList();
        return new RecurrencePreview(rrule.trim(), tz, request.series().start().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                request.count(), listed, more);
    }
}
