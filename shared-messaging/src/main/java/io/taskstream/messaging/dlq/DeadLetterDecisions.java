package io.taskstream.messaging.dlq;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.messaging.consumer.DeadLetterClient;
import io.taskstream.messaging.consumer.ProcessedEventRepository;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Decisions on this consumer group's dead letters: re-drive to the original topic (with
 * {@code dlq.redrive.count} and {@code dlq.redrive.group}), or discard. Each record gets at most one decision.
 */
@Singleton
public class DeadLetterDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDecisions.class);

    private final DeadLetterService letters;
    private final DeadLetterResolutionRepository resolutions;
    private final DeadLetterClient producer;
    private final ProcessedEventRepository processed;
    private final EventCodec codec;
    private final TransactionOperations<Connection> transactions;
    private final Environment environment;
    private final String group;

    DeadLetterDecisions(DeadLetterService letters, DeadLetterResolutionRepository resolutions, DeadLetterClient producer,
                        ProcessedEventRepository processed, EventCodec codec, TransactionOperations<Connection> transactions,
                        Environment environment) {
        this.letters = letters;
        this.resolutions = resolutions;
        this.producer = producer;
        this.processed = processed;
        this.codec = codec;
        this.transactions = transactions;
        this.environment = environment;
        this.group = letters.group();
    }

    /** Sends the record (or {@code replacement}) back to its original topic; refused if already decided. */
    public DeadLetterEntry redrive(String source, DeadLetterRecordId id, @Nullable byte[] replacement,
                                   @Nullable String reason, String by) {
        String dlq = letters.dlqTopic(source);
        ConsumerRecord<String, byte[]> record = letters.find(dlq, id);
        String target = DeadLetterEntries.header(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
        String destination = target != null ? target : environment.getProperty(Topics.property(source), String.class, source);
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> {
            if (!h.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(h);
            }
        });
        int count = DeadLetterEntries.redriveCount(record.headers()) + 1;
        headers.add(new RecordHeader(DeadLetterHeaders.REDRIVE_COUNT, Integer.toString(count).getBytes(StandardCharsets.UTF_8)));
        // Tells the other groups on the topic that this is not their re-drive: their own dead-letter marks stand.
        headers.add(new RecordHeader(DeadLetterHeaders.REDRIVE_GROUP, group.getBytes(StandardCharsets.UTF_8)));
        byte[] value = replacement != null ? replacement : record.value();
        // The copy sent back has a new position, which a dead-letter mark does not stop. Replicas still on messaging
        // V6 skip any copy of a marked event, so the mark goes first, on its own (only a mark, never an applied
        // event's row): an early or useless forget costs at most a second DLQ copy.
        requireUndecided(dlq, id); // a refused re-drive must not take a decided (say discarded) record's mark with it
        eventIdOf(record, replacement).ifPresent(eventId ->
                transactions.executeWrite(status -> processed.forgetDeadLettered(group, eventId)));
        transactions.executeWrite(status -> {
            decide(dlq, id, "redriven", reason, by);
            try {
                producer.send(destination, record.key(), value, headers).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while re-driving to " + destination);
            } catch (Exception e) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not take the record for "
                        + destination + ": " + e.getMessage());
            }
            return null;
        });
        LOG.info("{} re-drove {}@{} to {} (re-drive #{}{}){}", by, dlq, id, destination, count,
                replacement != null ? ", with a corrected value" : "", reason == null ? "" : ": " + reason);
        return letters.show(source, id);
    }

    public DeadLetterEntry discard(String source, DeadLetterRecordId id, String reason, String by) {
        String dlq = letters.dlqTopic(source);
        letters.find(dlq, id);
        transactions.executeWrite(status -> {
            decide(dlq, id, "discarded", reason, by);
            return null;
        });
        LOG.info("{} discarded {}@{}: {}", by, dlq, id, reason);
        return letters.show(source, id);
    }

    /**
     * The event id of what is sent back: the replacement's, else the dead letter's (its header, or its value).
     * With a replacement, the original's mark stays: a replay of the source topic still skips the original.
     */
    private Optional<UUID> eventIdOf(ConsumerRecord<String, byte[]> record, @Nullable byte[] replacement) {
        if (replacement != null) {
            return decodedId(replacement);
        }
        String header = DeadLetterEntries.header(record.headers(), EventHeaders.EVENT_ID);
        try {
            if (header != null) {
                return Optional.of(UUID.fromString(header));
            }
        } catch (IllegalArgumentException notAUuid) {
            // the value may still say
        }
        return decodedId(record.value());
    }

    private Optional<UUID> decodedId(@Nullable byte[] value) {
        try {
            return Optional.of(codec.decode(value).eventId());
        } catch (RuntimeException undecodable) {
            return Optional.empty(); // an undecodable record sent back fails (and is dead-lettered) again anyway
        }
    }

    private void requireUndecided(String dlq, DeadLetterRecordId id) {
        DeadLetterEntry.Resolution done = resolutions.resolutions(group, dlq).get(id.toString());
        if (done != null) {
            throw new ProblemException(HttpStatus.CONFLICT, dlq + " record " + id + " was already " + done.action());
        }
    }

    private void decide(String dlq, DeadLetterRecordId id, String action, @Nullable String reason, String by) {
        if (!resolutions.tryResolve(group, dlq, id, action, reason, by)) {
            throw new ProblemException(HttpStatus.CONFLICT, dlq + " record " + id + " was already "
                    + resolutions.resolutions(group, dlq).get(id.toString()).action());
        }
    }
}
