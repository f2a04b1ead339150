package io.taskstream.messaging.kafka;

import io.micronaut.configuration.kafka.config.AbstractKafkaConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Properties;

/**
 * Applies {@link KafkaSecuritySettings} to every producer and consumer configuration micronaut-kafka
 * creates, and removes the username/password keys, which are ours and not Kafka client configs.
 */
@Singleton
class KafkaSecurityConfigurer implements BeanCreatedEventListener<AbstractKafkaConfiguration<?, ?>> {

    private final KafkaSecuritySettings settings;

    KafkaSecurityConfigurer(KafkaSecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public AbstractKafkaConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaConfiguration<?, ?>> event) {
        Properties config = event.getBean().getConfig();
        config.keySet().removeIf(key -> key.toString().replace('-', '.').matches("sasl\\.(username|password)"));
        config.putAll(settings.clientProperties());
        return event.getBean();
    }
}
