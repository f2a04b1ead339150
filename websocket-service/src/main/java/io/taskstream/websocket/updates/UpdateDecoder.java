package io.taskstream.websocket.updates;

import io.micronaut.json.JsonMapper;
import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskBoardUpdate;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Turns a {@code task-updates} record into a {@link BoardUpdate}, with the shared codec. */
@Singleton
public class UpdateDecoder {

    private final EventCodec codec;
    private final JsonMapper json;

    UpdateDecoder(EventCodec codec, JsonMapper json) {
        this.codec = codec;
        this.json = json;
    }

    /** @throws EventDecodingException when the record is not a board update of a known user */
    public BoardUpdate decode(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<EventPayload> envelope = codec.decode(record.value());
        if (!(envelope.data() instanceof TaskBoardUpdate update) || update.task() == null) {
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_PAYLOAD,
                    envelope.eventType() + " is not a board update with a task");
        }
        String userId = envelope.userId() != null ? envelope.userId() : record.key();
        if (userId == null || userId.isBlank()) {
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_ENVELOPE, "no user_id and no key");
        }
        Position position = new Position(record.partition(), record.offset());
        try {
            String message = json.writeValueAsString(new UpdateMessage("update", position.toString(),
                    envelope.eventId(), update.change(), envelope.occurredAt(), update.task()));
            return new BoardUpdate(record.partition(), record.offset(), userId, envelope.occurredAt(),
                    Instant.now(), message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
