package io.taskstream.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskCreated;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;

/**
 * shared-events' codec on the event every task creation produces (task.created, as api-service
 * encodes it and every task-events consumer decodes it), next to the floor of any JSON codec for the
 * same bytes: Jackson parsing them into a tree, and writing that tree back. The codec also maps to
 * typed records, checks the envelope and required fields, and upcasts; the ratio is what that costs.
 */
@State(Scope.Thread)
public class EventCodecBenchmark {

    private final EventCodec codec = EventCodec.standalone();
    private final ObjectMapper jackson = new ObjectMapper();
    private EventEnvelope<TaskCreated> event;
    private byte[] bytes;
    private JsonNode tree;

    @Setup
    public void setUp() throws IOException {
        TaskEventSamples.Created created = TaskEventSamples.created("alice");
        event = created.domain();
        bytes = created.domainJson();
        tree = jackson.readTree(bytes);
        if (!codec.decode(bytes).eventId().equals(event.eventId())) {
            throw new IllegalStateException("the sample does not survive a round trip");
        }
    }

    @Benchmark
    public byte[] codecEncode() {
        return codec.encode(event);
    }

    @Benchmark
    public EventEnvelope<EventPayload> codecDecode() {
        return codec.decode(bytes);
    }

    @Benchmark
    public byte[] rawTreeWrite() throws IOException {
        return jackson.writeValueAsBytes(tree);
    }

    @Benchmark
    public JsonNode rawTreeParse() throws IOException {
        return jackson.readTree(bytes);
    }
}
