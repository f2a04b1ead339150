package io.taskstream.notification.email;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * {@code taskstream.email.*}: the SMTP server (host empty = email not configured), credentials from
 * env, the sender address, timeouts, and the fallback recipient template ({@code {user}@example.test})
 * that is honoured only in the {@code local} and {@code test} environments.
 */
@Singleton
class SmtpSettings {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSettings.class);
    private static final Set<String> FALLBACK_ENVIRONMENTS = Set.of(Environment.TEST, "local");

    final String host;
    final int port;
    final String username;
    final String password;
    final String from;
    @Nullable
    final String fallbackAddress;
    private final boolean startTls;
    private final Duration timeout;

    SmtpSettings(Environment environment,
                 @Value("${taskstream.email.host:}") String host,
                 @Value("${taskstream.email.port:25}") int port,
                 @Value("${taskstream.email.username:}") String username,
                 @Value("${taskstream.email.password:}") String password,
                 @Value("${taskstream.email.from:`taskstream@localhost`}") String from,
                 @Value("${taskstream.email.starttls:false}") boolean startTls,
                 @Value("${taskstream.email.timeout:10s}") Duration timeout,
                 @Value("${taskstream.email.fallback-address:}") String fallbackAddress) {
        this.host = host.strip();
        this.port = port;
        this.username = username.strip();
        this.password = password;
        this.from = from.strip();
        this.startTls = startTls;
        this.timeout = timeout;
        boolean allowed = environment.getActiveNames().stream().anyMatch(FALLBACK_ENVIRONMENTS::contains);
        if (!fallbackAddress.isBlank() && !allowed) {
            LOG.warn("taskstream.email.fallback-address is ignored outside the local and test environments");
        }
        this.fallbackAddress = fallbackAddress.isBlank() || !allowed ? null : fallbackAddress.strip();
    }

    Properties sessionProperties() {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        String millis = String.valueOf(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", String.valueOf(!username.isEmpty()));
        props.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        props.put("mail.smtp.starttls.required", String.valueOf(startTls));
        return props;
    }
}
