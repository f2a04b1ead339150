-- The guard "one next task" moves from the due time to the completed task. Keyed by (series, due time),
-- a completed task reopened and completed again after an occurrence had passed computed a later time
-- and got a second successor, and a next task completed early (from_completion) computed its own due
-- time, found it taken, and silently ended the series. Now every completed task has at most one
-- successor, whatever its completions compute.
ALTER TABLE occurrence ADD COLUMN predecessor_task_id UUID;
ALTER TABLE occurrence DROP CONSTRAINT occurrence_pkey;
ALTER TABLE occurrence ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE UNIQUE INDEX occurrence_predecessor ON occurrence (predecessor_task_id);
-- Rows written before this migration name no predecessor: among them the old guard stays, and
-- SeriesRepository treats their (series, time) as taken, so re-completing an older task adds nothing.
CREATE UNIQUE INDEX occurrence_legacy_time ON occurrence (series_id, occurs_at) WHERE predecessor_task_id IS NULL;
