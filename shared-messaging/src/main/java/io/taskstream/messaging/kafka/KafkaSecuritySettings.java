package io.taskstream.messaging.kafka;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How every Kafka client of a service (producers, listeners, admin and DLQ tools) authenticates,
 * read from the environment: {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD} and {@code KAFKA_SSL_TRUSTSTORE_LOCATION /
 * _PASSWORD / _TYPE}. A wrong combination fails at start-up with a message naming the variable.
 */
@Singleton
public class KafkaSecuritySettings {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final Map<String, Object> properties = new LinkedHashMap<>();

    KafkaSecuritySettings(@Value("${kafka.security.protocol:PLAINTEXT}") String protocol,
                          @Value("${kafka.sasl.mechanism:}") String mechanism,
                          @Value("${kafka.sasl.username:}") String username,
                          @Value("${kafka.sasl.password:}") String password,
                          @Value("${kafka.ssl.truststore.location:}") String truststore,
                          @Value("${kafka.ssl.truststore.password:}") String truststorePassword,
                          @Value("${kafka.ssl.truststore.type:}") String truststoreType) {
        String proto = protocol.trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(proto)) {
            throw new ConfigurationException("KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", was '" + protocol + "'");
        }
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, proto);
        if (proto.startsWith("SASL_")) {
            String mech = mechanism.trim().toUpperCase(Locale.ROOT);
            if (!LOGIN_MODULES.containsKey(mech)) {
                throw new ConfigurationException("KAFKA_SASL_MECHANISM must be one of " + LOGIN_MODULES.keySet()
                        + " with " + proto + ", was '" + mechanism + "'");
            }
            if (username.isBlank() || password.isEmpty()) {
                throw new ConfigurationException("KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be set with " + proto);
            }
            properties.put(SaslConfigs.SASL_MECHANISM, mech);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, LOGIN_MODULES.get(mech) + " required username=\""
                    + escape(username) + "\" password=\"" + escape(password) + "\";");
        }
        if (!truststore.isBlank()) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore);
            if (!truststorePassword.isEmpty()) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
            }
            if (!truststoreType.isBlank()) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
            }
        }
    }

    /** The client properties to add to any Kafka client this service creates. */
    public Map<String, Object> clientProperties() {
        return Map.copyOf(properties);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
