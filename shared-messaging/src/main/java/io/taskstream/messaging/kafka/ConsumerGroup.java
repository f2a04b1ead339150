package io.taskstream.messaging.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** This service's consumer group: {@code taskstream.consumer.group}, or else the application name. */
@Singleton
public class ConsumerGroup {

    private final String name;

    ConsumerGroup(@Value("${micronaut.application.name}") String applicationName,
                  @Value("${taskstream.consumer.group:}") String group) {
        this.name = group.isBlank() ? applicationName : group;
    }

    public String name() {
        return name;
    }
}
