package io.taskstream.events.codec;

import io.micronaut.json.tree.JsonNode;
import io.taskstream.events.EventPayload;
import io.taskstream.events.EventTypes;
import io.taskstream.events.Topics;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskCompleted;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskDeleted;
import io.taskstream.events.task.TaskReopened;
import io.taskstream.events.task.TaskUpdated;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps (event type, schema version) to payload records, upcasting old versions on the way in. */
public final class EventTypeRegistry {

    /** The contract as released: every event type at its current version. */
    public static final EventTypeRegistry STANDARD = new EventTypeRegistry(List.of(
            new EventType(EventTypes.TASK_CREATED, 1, TaskCreated.class, Topics.TASK_EVENTS),
            new EventType(EventTypes.TASK_UPDATED, 1, TaskUpdated.class, Topics.TASK_EVENTS),
            new EventType(EventTypes.TASK_COMPLETED, 1, TaskCompleted.class, Topics.TASK_EVENTS),
            new EventType(EventTypes.TASK_REOPENED, 1, TaskReopened.class, Topics.TASK_EVENTS),
            new EventType(EventTypes.TASK_DELETED, 1, TaskDeleted.class, Topics.TASK_EVENTS),
            new EventType(EventTypes.TASK_BOARD_UPDATE, 1, TaskBoardUpdate.class, Topics.TASK_UPDATES),
            new EventType(EventTypes.NOTIFICATION_REQUESTED, 1, NotificationRequested.class, Topics.NOTIFICATION_REQUEST),
            new EventType(EventTypes.REMINDER_DUE, 1, ReminderDue.class, Topics.REMINDERS)),
            List.of());

    private final Map<String, EventType> byName = new LinkedHashMap<>();
    private final Map<Class<?>, EventType> byPayload = new HashMap<>();
    private final Map<String, Upcaster> upcasters = new HashMap<>();

    public EventTypeRegistry(List<EventType> types, List<Upcaster> upcasterChain) {
        for (EventType type : types) {
            if (byName.put(type.name(), type) != null || byPayload.put(type.payloadType(), type) != null) {
                throw new IllegalArgumentException("event type registered twice: " + type);
            }
        }
        for (Upcaster upcaster : upcasterChain) {
            this.upcasters.put(key(upcaster.eventType(), upcaster.fromVersion()), upcaster);
        }
    }

    public Collection<EventType> all() {
        return byName.values();
    }

    public EventType forPayload(EventPayload payload) {
        EventType type = byPayload.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("payload class is not a registered event: " + payload.getClass().getName());
        }
        return type;
    }

    public EventType byName(String name) {
        EventType type = byName.get(name);
        if (type == null) {
            throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_TYPE,
                    "event type '" + name + "' is not known to this consumer; known: " + byName.keySet());
        }
        return type;
    }

    /** Brings {@code data} written at {@code version} up to the current version of its type. */
    public JsonNode upcast(EventType type, int version, JsonNode data) {
        if (version > type.version()) {
            throw new EventDecodingException(EventDecodingException.Reason.UNSUPPORTED_VERSION,
                    type.name() + " schema_version " + version + " is newer than this consumer reads ("
                            + type.version() + "); upgrade the consumer, then re-drive");
        }
        JsonNode current = data;
        for (int v = version; v < type.version(); v++) {
            Upcaster upcaster = upcasters.get(key(type.name(), v));
            if (upcaster == null) {
                throw new EventDecodingException(EventDecodingException.Reason.UNSUPPORTED_VERSION,
                        type.name() + " schema_version " + v + " has no upcaster to version " + (v + 1));
            }
            current = upcastOnce(upcaster, type, v, current);
        }
        return current;
    }

    /** An upcaster that fails on an old payload makes the event undecodable (DLQ), not a consumer crash loop. */
    private static JsonNode upcastOnce(Upcaster upcaster, EventType type, int from, JsonNode data) {
        JsonNode result;
        try {
            result = upcaster.upcast(data);
        } catch (RuntimeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_PAYLOAD,
                    type.name() + " data of schema_version " + from + " could not be upcast to " + (from + 1) + ": " + e, e);
        }
        if (result == null || !result.isObject()) {
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_PAYLOAD,
                    type.name() + " upcaster from schema_version " + from + " gave no data object");
        }
        return result;
    }

    private static String key(String type, int version) {
        return type + "@" + version;
    }
}
