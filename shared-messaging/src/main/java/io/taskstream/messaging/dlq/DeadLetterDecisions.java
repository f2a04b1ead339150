package io.taskstream.messaging.dlq;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.messaging.consumer.DeadLetterClient;
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
import java.util.concurrent.TimeUnit;

/**
 * Decisions on this consumer group's dead letters: re-drive to the original topic (with
 * {@code dlq.redrive.count}), or discard. Each record gets at most one decision. A re-drive touches no
 * consumer state: the consumer's dead-letter mark holds the position of the record it dead-lettered, and
 * the copy sent back has a new one, so it is applied (or dead-lettered again) like any new record.
 */
@Singleton
public class DeadLetterDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDecisions.class);

    private final DeadLetterService letters;
    private final DeadLetterResolutionRepository resolutions;
    private final DeadLetterClient producer;
    private final TransactionOperations<Connection> transactions;
    private final Environment environment;
    private final String group;

    DeadLetterDecisions(DeadLetterService letters, DeadLetterResolutionRepository resolutions, DeadLetterClient producer,
                        TransactionOperations<Connection> transactions, Environment environment) {
        this.letters = letters;
        this.resolutions = resolutions;
        this.producer = producer;
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
        byte[] value = replacement != null ? replacement : record.value();
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

    private void decide(String dlq, DeadLetterRecordId id, String action, @Nullable String reason, String by) {
        if (!resolutions.tryResolve(group, dlq, id, action, reason, by)) {
            throw new ProblemException(HttpStatus.CONFLICT, dlq + " record " + id + " was already "
                    + resolutions.resolutions(group, dlq).get(id.toString()).action());
        }
    }
}
