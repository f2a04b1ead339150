package io.taskstream.deploy;

import io.taskstream.deploy.KafkaAccess.Acl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One SCRAM KafkaUser per service, whose ACLs are exactly what {@link KafkaAccess} derives from its code. */
class KafkaUsersTest {

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void oneScramUserPerService(String overlay) {
        var rendered = RenderedManifests.overlay(overlay);
        String cluster = Y.name(rendered.ofKind("Kafka").get(0));
        assertThat(rendered.ofKind("KafkaUser").stream().map(Y::name)).containsExactlyInAnyOrderElementsOf(Repo.services());
        for (Map<String, Object> user : rendered.ofKind("KafkaUser")) {
            assertThat(Y.str(user, "spec", "authentication", "type")).as(Y.name(user)).isEqualTo("scram-sha-512");
            assertThat(Y.str(user, "spec", "authorization", "type")).as(Y.name(user)).isEqualTo("simple");
            assertThat(Y.str(user, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(cluster);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void aclsAreExactlyWhatTheServiceUses(String overlay, String service) {
        Set<Acl> declared = Acl.sortedSet();
        for (Object rule : Y.list(RenderedManifests.overlay(overlay).get("KafkaUser", service), "spec", "authorization", "acls")) {
            String type = Y.str(rule, "resource", "type");
            String name = "cluster".equals(type) ? "kafka-cluster" : Y.str(rule, "resource", "name");
            String pattern = Y.str(rule, "resource", "patternType") == null ? "literal" : Y.str(rule, "resource", "patternType");
            Y.list(rule, "operations").forEach(op -> declared.add(new Acl(type, name, pattern, String.valueOf(op))));
            if (Y.str(rule, "operation") != null) {
                declared.add(new Acl(type, name, pattern, Y.str(rule, "operation")));
            }
        }
        Set<Acl> derived = KafkaAccess.of(service);
        Set<Acl> missing = Acl.sortedSet();
        missing.addAll(derived);
        missing.removeAll(declared);
        Set<Acl> extra = Acl.sortedSet();
        extra.addAll(declared);
        extra.removeAll(derived);
        assertThat(missing).as(overlay + ": KafkaUser " + service + " lacks ACLs its code needs").isEmpty();
        assertThat(extra).as(overlay + ": KafkaUser " + service + " grants ACLs its code does not use").isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void serviceConnectsAsItsUserThroughTheScramTlsListener(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> kafka = rendered.ofKind("Kafka").get(0);
        Object listener = Y.list(kafka, "spec", "kafka", "listeners").stream()
                .filter(l -> "scram-sha-512".equals(Y.str(l, "authentication", "type"))).findFirst()
                .orElseThrow(() -> new AssertionError("Kafka has no scram-sha-512 listener"));
        boolean tls = Boolean.TRUE.equals(Y.at(listener, "tls"));
        Map<String, Object> env = rendered.environment(service);
        assertThat(rendered.plainEnv(service, "KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(Y.name(kafka) + "-kafka-bootstrap:" + Y.str(listener, "port"));
        assertThat(rendered.plainEnv(service, "KAFKA_SECURITY_PROTOCOL")).isEqualTo(tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        assertThat(rendered.plainEnv(service, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
        assertThat(rendered.plainEnv(service, "KAFKA_SASL_USERNAME")).isEqualTo(service);
        // Strimzi's User Operator writes the password to a Secret named after the KafkaUser.
        assertThat(Y.map(env.get("KAFKA_SASL_PASSWORD"), "secretKeyRef")).containsEntry("name", service).containsEntry("key", "password");
        if (tls) {
            String truststore = rendered.plainEnv(service, "KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(truststore).as(service + " trusts the cluster CA").isNotBlank();
            Map<String, Object> pod = Y.map(rendered.get("Deployment", service), "spec", "template", "spec");
            String mount = Y.list(rendered.container(service), "volumeMounts").stream()
                    .filter(m -> truststore.startsWith(Y.str(m, "mountPath") + "/")).map(m -> Y.str(m, "name")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": nothing mounted at " + truststore));
            assertThat(Y.list(pod, "volumes")).anySatisfy(v -> assertThat(Y.str(v, "name").equals(mount)
                    && (Y.name(kafka) + "-cluster-ca-cert").equals(Y.str(v, "secret", "secretName"))).isTrue());
        }
    }
}
