-- A consumer records the events it dead-lettered in the ledger too (so a redelivered poll does not
-- dead-letter them again), marked here: a DLQ re-drive deletes only such rows, never the row of an
-- event that was applied (a second copy of a dead letter re-driven after the first must not apply it twice).
ALTER TABLE processed_event ADD COLUMN dead_lettered BOOLEAN NOT NULL DEFAULT false;
