package io.taskstream.notification.email;

import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.ChannelSender;
import io.taskstream.notification.delivery.DeliveryJob;
import io.taskstream.notification.delivery.SendResult;
import io.taskstream.notification.delivery.TaskLinks;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Email over SMTP: subject = the notification's title, plain-text body = its message plus the
 * task link (a digest: {@code <n> reminders}, listing each). The recipient is the user's contact email, else the fallback template (local/test only).
 * SMTP 5xx answers and unusable addresses are permanent; connection problems and 4xx are retried.
 */
@Singleton
class EmailSender implements ChannelSender {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
    static final String NOTIFICATION_HEADER = "X-Taskstream-Notification-Id";

    private final SmtpSettings settings;
    private final TaskLinks links;
    private final Session session;

    EmailSender(SmtpSettings settings, TaskLinks links) {
        this.settings = settings;
        this.links = links;
        this.session = Session.getInstance(settings.sessionProperties(), settings.username.isEmpty() ? null
                : new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(settings.username, settings.password);
                    }
                });
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured() {
        return !settings.host.isEmpty();
    }

    @Override
    public SendResult send(DeliveryJob job) {
        String to = job.email() != null ? job.email()
                : settings.fallbackAddress == null ? null : settings.fallbackAddress.replace("{user}", job.userId());
        if (to == null) {
            return SendResult.permanent("no email address for user " + job.userId());
        }
        MimeMessage message = new MimeMessage(session);
        try {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        } catch (AddressException e) {
            return SendResult.permanent("invalid email address '" + to + "': " + e.getMessage());
        } catch (MessagingException e) {
            return classify(e);
        }
        try {
            message.setFrom(new InternetAddress(settings.from, true));
            message.setSubject(job.isDigest() ? links.digestSubjectOf(job) : job.title(), StandardCharsets.UTF_8.name());
            message.setText(job.isDigest() ? links.digestBodyOf(job) : links.bodyOf(job), StandardCharsets.UTF_8.name());
            message.setHeader(NOTIFICATION_HEADER, job.notificationId().toString());
            message.setSentDate(new Date());
            message.saveChanges();
        } catch (MessagingException e) {
            return classify(e);
        }
        return transmit(message);
    }

    /**
     * Like {@code Transport.send}, except that the server's 250 to DATA is the outcome: a failure while
     * saying goodbye (QUIT unanswered, connection reset) happens after the message was accepted, and
     * reporting it as a failure would send the user a second copy.
     */
    private SendResult transmit(MimeMessage message) {
        Transport transport;
        try {
            transport = session.getTransport();
            transport.connect();
        } catch (MessagingException e) {
            return classify(e);
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeQuietly(transport);
            return classify(e);
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.info("SMTP server accepted the message, then closing the connection failed: {}", e.getMessage());
        }
        return SendResult.delivered();
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // the send failed already; that is the outcome
        }
    }

    static SendResult classify(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = x instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : x instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
            if (code >= 500) {
                return SendResult.permanent("SMTP " + code + ": " + x.getMessage());
            }
        }
        if (e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0
                && (s.getValidUnsentAddresses() == null || s.getValidUnsentAddresses().length == 0)) {
            return SendResult.permanent("rejected recipient: " + e.getMessage());
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return SendResult.retryable(e.getClass().getSimpleName() + ": " + e.getMessage()
                + (cause != e ? " (" + cause + ")" : ""));
    }
}
