package io.taskstream.api.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.logging.TraceIdMdcFilter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log line written while a request is handled carries the request's trace id. Tests log through
 * local-stack's logback-test.xml, so the filter that taskstream-logback.xml installs is added here.
 */
@MicronautTest(transactional = false)
class RequestLogTest extends RealInfrastructureTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.log-probe", "true");
    }

    @Test
    void logsInsideARequestCarryItsTraceId() throws Exception {
        List<Map<String, String>> mdcs = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Probe.class);
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                mdcs.add(event.getMDCPropertyMap()); // read on the logging thread
            }
        };
        capture.setContext(logger.getLoggerContext());
        capture.start();
        logger.addAppender(capture);
        TraceIdMdcFilter filter = new TraceIdMdcFilter();
        logger.getLoggerContext().addTurboFilter(filter);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/log-probe"))
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            logger.detachAppender(capture);
            logger.getLoggerContext().getTurboFilterList().remove(filter);
        }

        assertThat(mdcs).singleElement().satisfies(mdc -> assertThat(mdc).containsEntry("trace_id", TRACE_ID)
                .containsKey("span_id").doesNotContainEntry("span_id", "00f067aa0ba902b7"));
    }

    @Requires(property = "test.log-probe", value = "true")
    @Controller("/log-probe")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class Probe {

        @Get
        String probe() {
            LoggerFactory.getLogger(Probe.class).info("handling a traced request");
            return "ok";
        }
    }
}
