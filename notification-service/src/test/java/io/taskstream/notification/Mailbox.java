package io.taskstream.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** A real in-JVM SMTP server (GreenMail, no authentication) and what it received per user. */
public record Mailbox(GreenMail smtp) {

    public static Mailbox start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return new Mailbox(server);
    }

    public int port() {
        return smtp.getSmtp().getPort();
    }

    public void stop() {
        smtp.stop();
    }

    /** Messages to the user's fallback address ({@code <user>@example.test}). */
    public List<MimeMessage> to(String user) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(user + "@example.test"));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public List<String> subjects(String user) {
        return to(user).stream().map(Mailbox::subject).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
