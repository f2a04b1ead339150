package io.taskstream.localstack;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.controller.QuorumController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's logging drops the broker's activation and double-close WARNs, and nothing else of those loggers. */
class KafkaBrokerNoiseFilterTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void theBrokersRoutineWarningsAreDroppedAndOthersStay() throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("launcher-logback.xml"));
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);

        // As the broker logs it: through LogContext, which puts the client's prefix in front of the message.
        Logger kafka = new LogContext("[NodeToControllerChannelManager id=1 name=registration] ").logger(NetworkClient.class);
        kafka.warn("Attempting to close NetworkClient that has already been closed.");
        kafka.warn("Connection to node {} could not be established. Node may not be available.", 1);
        Logger controller = new LogContext("[QuorumController id=1] ").logger(QuorumController.class);
        controller.warn("Performing controller activation. The metadata log appears to be empty. Appending {} bootstrap "
                + "record(s) in metadata transaction at metadata.version {}.", 1, "3.9-IV0");
        controller.warn("Renouncing the leadership due to a metadata log event.");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "[NodeToControllerChannelManager id=1 name=registration] Connection to node 1 could not be established. "
                        + "Node may not be available.",
                "[QuorumController id=1] Renouncing the leadership due to a metadata log event.");
    }

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
