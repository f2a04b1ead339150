package io.taskstream.messaging.codec;

import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventTypeRegistry;
import jakarta.inject.Singleton;

/** The event codec as a bean, using the application's JSON mapper. */
@Factory
public class EventCodecFactory {

    @Singleton
    EventCodec eventCodec(JsonMapper jsonMapper) {
        return new EventCodec(jsonMapper, EventTypeRegistry.STANDARD);
    }
}
