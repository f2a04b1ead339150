package io.taskstream.messaging.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.messaging.outbox.OutboxEvents;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared logback setup (taskstream-logback.xml): LOG_FORMAT picks the layout; ids come from the span and the event. */
class LogFormatTest {

    private final Span span = SdkTracerProvider.builder().build().get("test").spanBuilder("work").startSpan();
    private final EventEnvelope<?> event = OutboxEvents.event(UUID.randomUUID(), 1);

    @Test
    void jsonLinesCarryTheTraceAndEventIdsInTheirMdc() throws IOException {
        String line = log("json", true).trim();
        assertThat(line.lines()).as("exactly one line, all JSON").hasSize(1);

        Map<String, Object> json = JsonMapper.createDefault().readValue(line, Argument.mapOf(String.class, Object.class));
        assertThat(json).containsEntry("level", "INFO").containsEntry("loggerName", "io.taskstream.Test")
                .containsEntry("formattedMessage", "applied 42").containsKey("timestamp");
        @SuppressWarnings("unchecked")
        Map<String, Object> mdc = (Map<String, Object>) json.get("mdc");
        assertThat(mdc)
                .containsEntry("trace_id", span.getSpanContext().getTraceId())
                .containsEntry("span_id", span.getSpanContext().getSpanId())
                .containsEntry("event_id", event.eventId().toString())
                .containsEntry("event_type", event.eventType())
                .containsEntry("task_id", event.aggregateId());
    }

    @Test
    void textIsTheDefaultAndShowsTheTraceAndEventIdsWhenThereAreAny() {
        String line = log(null, true);

        assertThat(line).contains("INFO", "io.taskstream.Test", " trace=" + span.getSpanContext().getTraceId(),
                " event=" + event.eventId(), " - applied 42").doesNotStartWith("{");
        assertThat(log("text", false)).as("no span, no event: nothing extra")
                .contains("io.taskstream.Test - applied 42").doesNotContain("trace=");
        assertThat(log("yaml", false)).as("an unknown format still logs, as text")
                .contains("io.taskstream.Test - applied 42").doesNotStartWith("{");
    }

    @Test
    void aValidFormatConfiguresWithoutWarnings() {
        for (String format : new String[]{"text", "json"}) {
            LoggerContext context = new LoggerContext();
            context.putProperty("LOG_FORMAT", format);
            configure(context);
            // a warning would make logback print its whole status list on every start
            assertThat(new StatusUtil(context).getHighestLevel(0)).as(format).isLessThan(Status.WARN);
            context.stop();
        }
    }

    /** One INFO line through a fresh logback context configured like a service's, as printed to stdout. */
    private String log(String format, boolean inSpanAndEvent) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one the code under test writes to
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            configure(context);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            if (inSpanAndEvent) {
                try (Scope ignored = span.makeCurrent(); EventLogContext ids = EventLogContext.of(event)) {
                    context.getLogger("io.taskstream.Test").info("applied {}", 42);
                }
            } else {
                context.getLogger("io.taskstream.Test").info("applied {}", 42);
            }
        } finally {
            System.setOut(stdout);
            context.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void configure(LoggerContext context) {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String xml = "<configuration><include resource=\"taskstream-logback.xml\"/></configuration>";
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
    }
}
