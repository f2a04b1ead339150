package io.taskstream.messaging.dlq;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.messaging.consumer.DeadLetterClient;
import io.taskstream.messaging.consumer.ProcessedEventRepository;
import io.taskstream.messaging.kafka.ConsumerGroup;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Operations on this consumer group's dead letters: list, show, re-drive to the original topic
 * (with {@code dlq.redrive.count}), discard. Each record gets at most one decision.
 */
@Singleton
public class DeadLetterService {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);

    private final DeadLetterBrowser browser;
    private final DeadLetterResolutionRepository resolutions;
    private final DeadLetterClient producer;
    private final ProcessedEventRepository processed;
    private final EventCodec codec;
    private final TransactionOperations<Connection> transactions;
    private final Environment environment;
    private final String group;
    private final List<String> sources;
    private final int scanLimit;

    DeadLetterService(DeadLetterBrowser browser, DeadLetterResolutionRepository resolutions, DeadLetterClient producer,
                      ProcessedEventRepository processed, EventCodec codec,
                      TransactionOperations<Connection> transactions, Environment environment, ConsumerGroup group,
                      @Value("${taskstream.dlq.sources:}") List<String> sources,
                      @Value("${taskstream.dlq.scan-limit:10000}") int scanLimit) {
        this.browser = browser;
        this.resolutions = resolutions;
        this.producer = producer;
        this.processed = processed;
        this.codec = codec;
        this.transactions = transactions;
        this.environment = environment;
        this.group = group.name();
        this.sources = List.copyOf(sources);
        this.scanLimit = scanLimit;
    }

    public String group() {
        return group;
    }

    public List<String> sources() {
        return sources;
    }

    /**
     * This group's records in the DLQ of {@code source} with that {@code status} (null: all), oldest first, at most
     * {@code limit} and {@code scan-limit}. The status is matched while reading, so newer pending records are
     * found behind any number of decided ones.
     */
    public List<DeadLetterEntry> list(String source, @Nullable String status, int limit) {
        String dlq = dlqTopic(source);
        Map<String, DeadLetterEntry.Resolution> decided = resolutions.resolutions(group, dlq);
        int max = Math.min(limit, scanLimit);
        List<DeadLetterEntry> found = new ArrayList<>();
        browser.visit(dlq, record -> {
            if (ours(record)) {
                DeadLetterEntry entry = DeadLetterEntries.of(record, decided.get(idOf(record)), false);
                if (status == null || entry.status().equals(status)) {
                    found.add(entry);
                }
            }
            return found.size() < max;
        });
        return found;
    }

    /** How many of this group's records in the DLQ of {@code source} have each status (every record is counted). */
    public Map<String, Integer> counts(String source) {
        String dlq = dlqTopic(source);
        Map<String, DeadLetterEntry.Resolution> decided = resolutions.resolutions(group, dlq);
        Map<String, Integer> counts = new HashMap<>();
        browser.visit(dlq, record -> {
            if (ours(record)) {
                DeadLetterEntry.Resolution resolution = decided.get(idOf(record));
                counts.merge(resolution == null ? DeadLetterEntry.PENDING : resolution.action(), 1, Integer::sum);
            }
            return true;
        });
        return counts;
    }

    private static String idOf(ConsumerRecord<String, byte[]> record) {
        return new DeadLetterRecordId(record.partition(), record.offset()).toString();
    }

    public DeadLetterEntry show(String source, DeadLetterRecordId id) {
        String dlq = dlqTopic(source);
        return DeadLetterEntries.of(find(dlq, id), resolutions.resolutions(group, dlq).get(id.toString()), true);
    }

    /** Sends the record (or {@code replacement}) back to its original topic; refused if already decided. */
    public DeadLetterEntry redrive(String source, DeadLetterRecordId id, @Nullable byte[] replacement,
                                   @Nullable String reason, String by) {
        String dlq = dlqTopic(source);
        ConsumerRecord<String, byte[]> record = find(dlq, id);
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
            // The consumer remembered the event as handled when it dead-lettered it; it must apply it this time.
            processed.forget(group, eventIds(record, value));
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
        return show(source, id);
    }

    public DeadLetterEntry discard(String source, DeadLetterRecordId id, String reason, String by) {
        String dlq = dlqTopic(source);
        find(dlq, id);
        transactions.executeWrite(status -> {
            decide(dlq, id, "discarded", reason, by);
            return null;
        });
        LOG.info("{} discarded {}@{}: {}", by, dlq, id, reason);
        return show(source, id);
    }

    /** The event ids of the dead letter and of its replacement: from the header, or from the value where it decodes. */
    private Set<UUID> eventIds(ConsumerRecord<String, byte[]> record, byte[] value) {
        Set<UUID> ids = new HashSet<>();
        String header = DeadLetterEntries.header(record.headers(), EventHeaders.EVENT_ID);
        try {
            if (header != null) {
                ids.add(UUID.fromString(header));
            }
        } catch (IllegalArgumentException notAUuid) {
            // the value may still say
        }
        for (byte[] bytes : List.of(record.value() == null ? new byte[0] : record.value(), value == null ? new byte[0] : value)) {
            try {
                ids.add(codec.decode(bytes).eventId());
            } catch (RuntimeException undecodable) {
                // never handled, so never remembered
            }
        }
        return ids;
    }

    private void decide(String dlq, DeadLetterRecordId id, String action, @Nullable String reason, String by) {
        if (!resolutions.tryResolve(group, dlq, id, action, reason, by)) {
            throw new ProblemException(HttpStatus.CONFLICT, dlq + " record " + id + " was already "
                    + resolutions.resolutions(group, dlq).get(id.toString()).action());
        }
    }

    private ConsumerRecord<String, byte[]> find(String dlq, DeadLetterRecordId id) {
        return browser.read(dlq, id.partition(), id.offset()).filter(this::ours)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                        "no record " + id + " of consumer group " + group + " in " + dlq));
    }

    private boolean ours(ConsumerRecord<String, byte[]> record) {
        return group.equals(DeadLetterEntries.header(record.headers(), DeadLetterHeaders.CONSUMER_GROUP));
    }

    public String dlqTopic(String source) {
        if (!sources.contains(source)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "this service dead-letters only " + sources
                    + "; there is no DLQ for '" + source + "'");
        }
        return Topics.deadLetterOf(environment.getProperty(Topics.property(source), String.class, source));
    }
}
