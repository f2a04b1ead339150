package io.taskstream.messaging.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.Locale;

/**
 * Lets an appender of taskstream-logback.xml print only when it is the one {@code LOG_FORMAT} chose:
 * the {@code json} appender for {@code json}, the {@code text} appender for anything else (so a typo
 * still logs). Both appenders stay attached: choosing with {@code <appender-ref ref="${LOG_FORMAT}"/>}
 * makes logback warn about the unused one and then print its whole status list at every start.
 */
public class LogFormatFilter extends Filter<ILoggingEvent> {

    private String selected = "text";
    private boolean json;
    private boolean jsonSelected;

    /** The configured format, {@code ${LOG_FORMAT:-text}}. */
    public void setSelected(String selected) {
        this.selected = selected;
    }

    /** Whether the guarded appender writes JSON. */
    public void setJson(boolean json) {
        this.json = json;
    }

    @Override
    public void start() {
        String format = selected.trim().toLowerCase(Locale.ROOT);
        jsonSelected = format.equals("json");
        if (!jsonSelected && !format.equals("text") && json) {
            addWarn("LOG_FORMAT=" + selected + " is neither text nor json; logging text");
        }
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return jsonSelected == json ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
