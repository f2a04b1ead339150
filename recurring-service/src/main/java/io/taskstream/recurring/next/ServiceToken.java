package io.taskstream.recurring.next;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bearer token this service presents to api-service: role {@code service}, subject = this
 * service's name. Where the service can sign tokens itself (HS256 in the {@code local}
 * environment) it mints one and renews it before it expires; elsewhere (JWKS in {@code k8s})
 * the identity provider issues it. It comes from {@code API_SERVICE_TOKEN_FILE}, re-read whenever the
 * file changes (a mounted Secret that something outside rotates before the token expires), or from
 * {@code API_SERVICE_TOKEN}, fixed for the life of the process.
 */
@Singleton
class ServiceToken {

    static final String ROLE = "service";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final Optional<TokenGenerator> generator;
    private final String configured;
    private final String tokenFile;
    private final String subject;
    private String current;
    private Instant renewAt = Instant.MIN;
    private FileTime fileRead;

    ServiceToken(Optional<TokenGenerator> generator, @Value("${taskstream.api.token:}") String configured,
                 @Value("${taskstream.api.token-file:}") String tokenFile,
                 @Value("${micronaut.application.name}") String subject) {
        this.generator = generator;
        this.configured = configured;
        this.tokenFile = tokenFile;
        this.subject = subject;
    }

    synchronized String bearer() {
        if (!tokenFile.isBlank()) {
            return "Bearer " + fromFile(Path.of(tokenFile));
        }
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

    /** The file's token, read again only when the file changed; an unreadable or empty file fails (and is retried). */
    private String fromFile(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(fileRead)) {
                current = Files.readString(file).strip();
                fileRead = modified;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the api-service token from " + file + ": " + e, e);
        }
        if (current == null || current.isEmpty()) {
            throw new IllegalStateException("the api-service token file " + file + " is empty");
        }
        return current;
    }
}
