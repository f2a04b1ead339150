-- The W3C trace context of the transaction that wrote the row (the HTTP request or the consumed
-- event), so the relay, which publishes later on its own thread, continues that trace.
ALTER TABLE outbox_message ADD COLUMN trace_parent TEXT;
ALTER TABLE outbox_message ADD COLUMN trace_state TEXT;
