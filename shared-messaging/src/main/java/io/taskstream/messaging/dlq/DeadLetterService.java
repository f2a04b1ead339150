package io.taskstream.messaging.dlq;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.messaging.kafka.ConsumerGroup;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading this consumer group's dead letters: list, count, show. {@link DeadLetterDecisions} re-drives
 * or discards them.
 */
@Singleton
public class DeadLetterService {

    private final DeadLetterBrowser browser;
    private final DeadLetterResolutionRepository resolutions;
    private final Environment environment;
    private final String group;
    private final List<String> sources;
    private final int scanLimit;

    DeadLetterService(DeadLetterBrowser browser, DeadLetterResolutionRepository resolutions, Environment environment,
                      ConsumerGroup group,
                      @Value("${taskstream.dlq.sources:}") List<String> sources,
                      @Value("${taskstream.dlq.scan-limit:100000}") int scanLimit) {
        this.browser = browser;
        this.resolutions = resolutions;
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
     * {@code limit}. The status is matched while reading, so pending records are found behind decided ones; one
     * request reads at most {@code scan-limit} records of the topic (all groups'), so a huge DLQ answers in time.
     */
    public List<DeadLetterEntry> list(String source, @Nullable String status, int limit) {
        String dlq = dlqTopic(source);
        Map<String, DeadLetterEntry.Resolution> decided = resolutions.resolutions(group, dlq);
        List<DeadLetterEntry> found = new ArrayList<>();
        int[] read = {0};
        browser.visit(dlq, record -> {
            if (read[0]++ >= scanLimit) {
                return false;
            }
            if (ours(record)) {
                DeadLetterEntry entry = DeadLetterEntries.of(record, decided.get(idOf(record)), false);
                if (status == null || entry.status().equals(status)) {
                    found.add(entry);
                }
            }
            return found.size() < limit;
        });
        return found;
    }

    /** How many of this group's records in the DLQ have each status; {@code complete} false if scan-limit cut it short. */
    public record Counts(Map<String, Integer> byStatus, boolean complete) {
        public int of(String status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    public Counts counts(String source) {
        String dlq = dlqTopic(source);
        Map<String, DeadLetterEntry.Resolution> decided = resolutions.resolutions(group, dlq);
        Map<String, Integer> counts = new HashMap<>();
        int[] read = {0};
        boolean[] cut = {false};
        browser.visit(dlq, record -> {
            if (read[0]++ >= scanLimit) {
                cut[0] = true;
                return false;
            }
            if (ours(record)) {
                DeadLetterEntry.Resolution resolution = decided.get(idOf(record));
                counts.merge(resolution == null ? DeadLetterEntry.PENDING : resolution.action(), 1, Integer::sum);
            }
            return true;
        });
        return new Counts(counts, !cut[0]);
    }

    private static String idOf(ConsumerRecord<String, byte[]> record) {
        return new DeadLetterRecordId(record.partition(), record.offset()).toString();
    }

    public DeadLetterEntry show(String source, DeadLetterRecordId id) {
        String dlq = dlqTopic(source);
        return DeadLetterEntries.of(find(dlq, id), resolutions.resolutions(group, dlq).get(id.toString()), true);
    }

    ConsumerRecord<String, byte[]> find(String dlq, DeadLetterRecordId id) {
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
