package io.taskstream.notification.contact;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Admin-maintained contact details (role {@code admin}) until a user directory exists: the email
 * and sms senders read them. Invalid fields are answered together as one 400 problem.
 */
@Controller("/contacts")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class ContactController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_USER_ID = 200;

    private final ContactRepository contacts;

    ContactController(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Get("/{userId}")
    Contact show(@PathVariable String userId) {
        return contacts.find(userId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "no contact for this user"));
    }

    @Put("/{userId}")
    Contact put(@PathVariable String userId, @Body ContactRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (userId.isBlank() || userId.length() > MAX_USER_ID) {
            errors.add(new FieldError("userId", "must be 1.." + MAX_USER_ID + " characters"));
        }
        String email = blankToNull(body.email());
        if (email != null) {
            try {
                InternetAddress parsed = new InternetAddress(email, true);
                parsed.validate();
                if (!email.equals(parsed.getAddress()) || !email.contains("@")) {
                    errors.add(new FieldError("email", "must be an address like name@example.org"));
                }
            } catch (AddressException e) {
                errors.add(new FieldError("email", "must be an address like name@example.org"));
            }
        }
        String phone = blankToNull(body.phone());
        if (phone != null && !E164.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "must be in E.164 form, e.g. +4915112345678"));
        }
        String timezone = blankToNull(body.timezone());
        // Region ids only, as for preferences: ZoneId.of would also take "+02:00", which never changes for daylight saving.
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.add(new FieldError("timezone", "must be an IANA zone such as Europe/Berlin"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, errors);
        }
        return contacts.upsert(userId, new ContactRequest(email, phone, timezone));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
