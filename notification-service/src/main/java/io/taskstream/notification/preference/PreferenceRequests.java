package io.taskstream.notification.preference;

import io.micronaut.http.HttpStatus;
import io.taskstream.notification.delivery.Channel;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validates a {@code PUT /me/preferences} body; every invalid field is named in one 400 problem. */
final class PreferenceRequests {

    static final int MAX_KINDS = 50;
    private static final Pattern LOCAL_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private PreferenceRequests() {
    }

    static Preferences validate(PreferencesRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, List.of(new FieldError("body", "is required")));
        }
        String timezone = body.timezone() == null || body.timezone().isBlank() ? null : body.timezone().strip();
        if (timezone != null && !ZONES.contains(timezone)) {
            errors.add(new FieldError("timezone", "must be an IANA zone such as Europe/Berlin"));
        }
        QuietHours quiet = quietHours(body.quietHours(), errors);
        int digest = body.digestMinutes() == null ? 0 : body.digestMinutes();
        if (digest < 0 || digest > Preferences.MAX_DIGEST_MINUTES) {
            errors.add(new FieldError("digest_minutes", "must be 0 (off) .. " + Preferences.MAX_DIGEST_MINUTES));
        }
        Map<String, Map<Channel, Boolean>> channels = channels(body.channels(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, errors);
        }
        return new Preferences(timezone, quiet, digest, channels);
    }

    private static QuietHours quietHours(QuietHoursBody body, List<FieldError> errors) {
        if (body == null) {
            return null;
        }
        LocalTime start = localTime(body.start(), "quiet_hours.start", errors);
        LocalTime end = localTime(body.end(), "quiet_hours.end", errors);
        if (start == null || end == null) {
            return null;
        }
        if (start.equals(end)) {
            errors.add(new FieldError("quiet_hours.end", "must differ from start"));
            return null;
        }
        return new QuietHours(start, end);
    }

    private static LocalTime localTime(String value, String field, List<FieldError> errors) {
        if (value == null || !LOCAL_TIME.matcher(value.strip()).matches()) {
            errors.add(new FieldError(field, "must be a local time HH:mm (00:00..23:59)"));
            return null;
        }
        return LocalTime.parse(value.strip());
    }

    private static Map<String, Map<Channel, Boolean>> channels(Map<String, Map<String, Boolean>> body,
                                                               List<FieldError> errors) {
        Map<String, Map<Channel, Boolean>> result = new TreeMap<>();
        if (body == null) {
            return result;
        }
        if (body.size() > MAX_KINDS) {
            errors.add(new FieldError("channels", "at most " + MAX_KINDS + " kinds"));
            return result;
        }
        for (var kind : body.entrySet()) {
            String field = "channels." + kind.getKey();
            if (!kind.getKey().equals(Preferences.ANY_KIND) && !Preferences.KIND.matcher(kind.getKey()).matches()) {
                errors.add(new FieldError(field, "must be * or a kind matching " + Preferences.KIND.pattern()));
                continue;
            }
            Map<Channel, Boolean> switches = new EnumMap<>(Channel.class);
            for (var entry : kind.getValue() == null ? Map.<String, Boolean>of().entrySet() : kind.getValue().entrySet()) {
                String channelField = field + "." + entry.getKey();
                Channel channel = Channel.fromWireName(entry.getKey()).orElse(null);
                if (channel == null) {
                    errors.add(new FieldError(channelField, "unknown channel (in_app, email, sms)"));
                } else if (entry.getValue() == null) {
                    errors.add(new FieldError(channelField, "must be true or false"));
                } else if (channel == Channel.IN_APP && !entry.getValue()) {
                    errors.add(new FieldError(channelField, "in_app cannot be switched off (the inbox records everything)"));
                } else {
                    switches.put(channel, entry.getValue());
                }
            }
            result.put(kind.getKey(), switches);
        }
        return result;
    }
}
