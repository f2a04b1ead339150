package io.taskstream.localstack.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where notification-service's email and SMS go on a developer machine: an SMTP server (GreenMail)
 * and an SMS gateway endpoint that accept everything and write each message to
 * {@code logs/outbox.log}, so a person can see what would have been sent.
 */
public final class LocalOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOutbox.class);

    private final GreenMail smtp;
    private final HttpServer sms;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-outbox");
        t.setDaemon(true);
        return t;
    });
    private final Path log;
    private int mailsSeen;

    private LocalOutbox(int smtpPort, int smsPort, Path log) throws IOException {
        this.log = log;
        Files.createDirectories(log.getParent());
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        sms = HttpServer.create(new InetSocketAddress("127.0.0.1", smsPort), 0);
        sms.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            write("SMS " + body);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        sms.start();
        poller.scheduleWithFixedDelay(this::logNewMail, 1, 1, TimeUnit.SECONDS);
    }

    public static LocalOutbox start(int smtpPort, int smsPort, Path log) {
        Ports.requireFree(smtpPort, "local SMTP server", "SMTP_PORT");
        Ports.requireFree(smsPort, "local SMS gateway", "SMS_GATEWAY_PORT");
        try {
            LocalOutbox outbox = new LocalOutbox(smtpPort, smsPort, log);
            LOG.info("email and SMS go to {} (SMTP 127.0.0.1:{}, SMS gateway http://127.0.0.1:{}/sms)", log, smtpPort, smsPort);
            return outbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local SMTP server / SMS gateway", e);
        }
    }

    private synchronized void logNewMail() {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (; mailsSeen < received.length; mailsSeen++) {
            try {
                MimeMessage m = received[mailsSeen];
                write("EMAIL to " + String.join(", ", java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString)
                        .toList()) + ": " + m.getSubject());
            } catch (MessagingException | RuntimeException e) {
                write("EMAIL (unreadable: " + e + ")");
            }
        }
    }

    private void write(String line) {
        try {
            Files.writeString(log, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", log, e.toString());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        sms.stop(0);
        smtp.stop();
    }
}
