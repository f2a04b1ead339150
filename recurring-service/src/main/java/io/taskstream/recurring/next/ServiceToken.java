package io.taskstream.recurring.next;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bearer token this service presents to api-service: role {@code service}, subject = this
 * service's name. Where the service can sign tokens itself (HS256 in the {@code local}
 * environment) it mints one and renews it before it expires; elsewhere (JWKS in {@code k8s})
 * the identity provider issues it and it comes from {@code API_SERVICE_TOKEN}.
 */
@Singleton
class ServiceToken {

    static final String ROLE = "service";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final Optional<TokenGenerator> generator;
    private final String configured;
    private final String subject;
    private String current;
    private Instant renewAt = Instant.MIN;

    ServiceToken(Optional<TokenGenerator> generator, @Value("${taskstream.api.token:}") String configured,
                 @Value("${micronaut.application.name}") String subject) {
        this.generator = generator;
        this.configured = configured;
        this.subject = subject;
    }

    synchronized String bearer() {
        if (!configured.isBlank()) {
            return "Bearer " + configured;
        }
        if (Instant.now().isAfter(renewAt)) {
            current = generator.flatMap(g -> g.generateToken(Authentication.build(subject, List.of(ROLE)),
                            (int) LIFETIME.toSeconds()))
                    .orElseThrow(() -> new ConfigurationException("no token for api-service: set API_SERVICE_TOKEN "
                            + "(a token with role 'service' from the identity provider)"));
            renewAt = Instant.now().plus(LIFETIME.dividedBy(2));
        }
        return "Bearer " + current;
    }
}
