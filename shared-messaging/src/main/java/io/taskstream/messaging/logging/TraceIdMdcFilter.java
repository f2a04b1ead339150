package io.taskstream.messaging.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Logback turbo filter (see taskstream-logback.xml) that puts the current span's {@value #TRACE_ID}
 * and {@value #SPAN_ID} into the MDC of every log call, and removes them when no span is current.
 * It runs on the logging thread, so whatever carried the OpenTelemetry context there (Micronaut's
 * propagated context for HTTP requests, our consumer and relay spans) shows up in the log line
 * without any code copying MDC values between threads. It never filters anything out.
 */
public class TraceIdMdcFilter extends TurboFilter {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL; // not logged anyway: isDebugEnabled() and friends stay cheap
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            if (!span.getSpanId().equals(MDC.get(SPAN_ID))) { // a put invalidates logback's MDC copy
                MDC.put(TRACE_ID, span.getTraceId());
                MDC.put(SPAN_ID, span.getSpanId());
            }
        } else if (MDC.get(TRACE_ID) != null) {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
        return FilterReply.NEUTRAL;
    }
}
