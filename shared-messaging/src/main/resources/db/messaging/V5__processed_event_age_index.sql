-- ProcessedEventRetention deletes ledger rows by age. Rows arrive in processed_at order, so a BRIN
-- index finds the old ones for a few pages of index and costs the consumers' inserts almost nothing
-- (a B-tree would add a second index write to every processed event).
CREATE INDEX processed_event_processed_at_brin ON processed_event USING brin (processed_at);
