-- The delivery worker marks a row 'sending' in the transaction that claims it; next_attempt_at is
-- then the end of the sender's lease. A row still 'sending' after its lease had a sender that
-- stopped mid-send: the worker resolves it per channel (see the service README, "Delivery").
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'deferred'));

-- Expired leases are looked up by time.
CREATE INDEX notification_deliveries_sending ON notification_deliveries (next_attempt_at)
    WHERE status = 'sending';
