package io.taskstream.bench.relay;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Series;
import io.taskstream.localstack.infra.EmbeddedKafka;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Outbox relay (api-service) from committed outbox rows to broker acknowledgement, against a raw producer. */
public final class RelayScenario implements Scenario {

    static final String RELAY_TOPIC = "bench.relay";
    static final String RAW_TOPIC = "bench.raw-producer";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(150);

    @Override
    public String id() {
        return "relay";
    }

    @Override
    public String title() {
        return "Outbox relay";
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        int n = profile.relayRows();
        out.method(n + " outbox rows (task.created + board update per task, encoded as api-service encodes them) are "
                + "inserted into api-service's real messaging.outbox_message in one transaction while api-service runs, "
                + "addressed to a scratch topic '" + RELAY_TOPIC + "' (" + BenchStack.PARTITIONS + " partitions, no consumers). "
                + "The relay is woken by NOTIFY at commit. It deletes a batch's rows in the transaction that waited for the "
                + "broker's acknowledgement of every record, so the bench counts the rows left every 20 ms: "
                + "rate = rows / (first poll that found none − commit).");
        out.method("Raw limit: a KafkaProducer in the bench JVM with the relay producer's settings ("
                + RelayProducer.DESCRIPTION + ") sends the same keys, values and headers to '" + RAW_TOPIC
                + "', timed from the first send to the last acknowledgement, after 2,000 untimed warm-up records.");
        out.method("Before: " + Quiesce.await(stack, id(), profile.quiesceTimeout()) + ".");
        EmbeddedKafka.createTopics(stack.bootstrapServers(), List.of(RELAY_TOPIC, RAW_TOPIC), BenchStack.PARTITIONS);
        List<RelayRecord> records = RelayRecord.ofCreations(n, 16);
        Progress.say(id(), "raw producer: %d records", records.size());
        RawProducerRun.Result raw = RawProducerRun.run(stack.bootstrapServers(), RAW_TOPIC, records, 2_000);
        if (raw.errors() > 0) {
            throw new IllegalStateException("raw producer: " + raw.errors() + " sends failed, first: " + raw.firstError());
        }
        Progress.say(id(), "raw producer: %.0f records/s (%.2f s)", raw.throughput(), raw.seconds());
        OutboxFill outbox = new OutboxFill(stack);
        try (Connection c = stack.connect("api-service")) {
            Progress.say(id(), "relay warm-up: 2,000 rows");
            outbox.insert(RELAY_TOPIC, RelayRecord.ofCreations(2_000, 16));
            awaitDrained(outbox, c, null);
            long insertStart = System.nanoTime();
            DrainSamples drain = new DrainSamples(outbox.insert(RELAY_TOPIC, records), records.size());
            Progress.say(id(), "inserted %d outbox rows in %.1f s; waiting for the relay", records.size(),
                    Progress.secondsSince(insertStart));
            awaitDrained(outbox, c, drain);
            double seconds = drain.secondsToEmpty();
            double rate = records.size() / seconds;
            out.figure(Figure.atLeastRatio("events/s, outbox row to broker ack", rate, "events/s", raw.throughput(),
                    "raw KafkaProducer, same records and settings", 0.30));
            out.figure(Figure.info("time to publish " + records.size() + " rows", seconds, "s", raw.seconds(),
                    "raw KafkaProducer"));
            out.chart(new Chart("Throughput over time", "seconds since commit / first send", "events acked per second",
                    List.of(new Series("relay (outbox → ack)", drain.ratePerSecond(0.25)),
                            new Series("raw KafkaProducer", raw.timeline()))));
        }
    }

    /** Polls every 20 ms until no row of the scratch topic is left, recording each poll in {@code samples} if given. */
    private void awaitDrained(OutboxFill outbox, Connection c, DrainSamples samples) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long unsent;
        while ((unsent = outbox.unsent(c, RELAY_TOPIC)) > 0) {
            if (samples != null) {
                samples.add(System.nanoTime(), unsent);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay left " + unsent + " rows unsent after " + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (samples != null) {
            samples.add(System.nanoTime(), 0);
        }
    }
}
