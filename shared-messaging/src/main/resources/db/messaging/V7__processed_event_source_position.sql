-- Where the consumer read the record it recorded: topic-partition@offset. A dead-letter mark then stops
-- only a redelivery of the record it was made for. A copy of the event at another position (a DLQ
-- re-drive, or the event published again) is tried again, so a re-drive no longer has to delete the mark
-- first, and can no longer be skipped when it overtakes the mark's commit. Rows from before V7 have none:
-- a redelivery of such a record is tried again (at worst a second DLQ copy, never a lost event).
ALTER TABLE processed_event ADD COLUMN source_position TEXT;
