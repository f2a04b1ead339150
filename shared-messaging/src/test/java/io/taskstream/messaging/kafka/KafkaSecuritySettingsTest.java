package io.taskstream.messaging.kafka;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSecuritySettingsTest {

    @Test
    void plaintextAddsOnlyTheProtocol() {
        assertThat(settings("plaintext", "", "", "").clientProperties()).containsExactly(
                java.util.Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void scramBuildsTheJaasConfigWithEscapedCredentials() {
        var properties = settings("SASL_SSL", "scram-sha-256", "svc", "p\"w\\d").clientProperties();

        assertThat(properties).containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"svc\" password=\"p\\\"w\\\\d\";");
    }

    @Test
    void plainUsesThePlainLoginModule() {
        assertThat(settings("SASL_PLAINTEXT", "PLAIN", "svc", "pw").clientProperties().get("sasl.jaas.config"))
                .asString().startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    }

    @Test
    void wrongCombinationsFailWithTheVariableToFix() {
        assertThatThrownBy(() -> settings("TLS", "", "", "")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
        assertThatThrownBy(() -> settings("SASL_SSL", "GSSAPI", "svc", "pw")).hasMessageContaining("KAFKA_SASL_MECHANISM");
        assertThatThrownBy(() -> settings("SASL_SSL", "SCRAM-SHA-512", "svc", "")).hasMessageContaining("KAFKA_SASL_PASSWORD");
    }

    @Test
    void aTrustStoreIsPassedOn() {
        var properties = new KafkaSecuritySettings("SSL", "", "", "", "/etc/kafka/ca.p12", "changeit", "PKCS12")
                .clientProperties();

        assertThat(properties).containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("ssl.truststore.password", "changeit").containsEntry("ssl.truststore.type", "PKCS12");
    }

    private static KafkaSecuritySettings settings(String protocol, String mechanism, String user, String password) {
        return new KafkaSecuritySettings(protocol, mechanism, user, password, "", "", "");
    }
}
