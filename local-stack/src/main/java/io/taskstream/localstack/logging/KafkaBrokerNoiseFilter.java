package io.taskstream.localstack.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.List;

/**
 * Drops the two WARNs the embedded broker logs on every run although nothing is wrong, so that a
 * WARN in the launcher's output always deserves a look:
 * <ul>
 *   <li>at start, KRaft's controller announces its activation ("Performing controller activation. The
 *       metadata log appears to be empty ..." or "... This is expected because this is a de-novo KRaft
 *       cluster");</li>
 *   <li>at a clean stop, its registration channel closes its network client twice ("Attempting to close
 *       NetworkClient that has already been closed").</li>
 * </ul>
 * Every other message of those loggers still shows.
 */
public class KafkaBrokerNoiseFilter extends TurboFilter {

    private record Noise(String logger, String fragment) {
    }

    private static final List<Noise> NOISE = List.of(
            new Noise("org.apache.kafka.controller.QuorumController", "Performing controller activation."),
            new Noise("org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed"));

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        for (Noise noise : NOISE) {
            if (noise.logger().equals(logger.getName()) && format.contains(noise.fragment())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
