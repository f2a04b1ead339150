package io.taskstream.notification;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.taskstream.notification.contact.Contact;
import io.taskstream.notification.contact.ContactRequest;

/** The contact API as an admin calls it. */
public record Contacts(BlockingHttpClient http, String adminToken) {

    public Contact put(String userId, String email, String phone) {
        return http.retrieve(HttpRequest.PUT("/contacts/" + userId, new ContactRequest(email, phone, "Europe/Berlin"))
                .bearerAuth(adminToken), Contact.class);
    }
}
