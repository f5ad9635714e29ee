-- Each participant's PerformanceTracker as it stands after its latest snapshot and fill, so that
-- GET /live ranks from one row per participant instead of folding every snapshot on request.
-- tracker is the tracker's exact state as JSON (every decimal as a string); NULL on rows projected
-- before this column existed: readers then fold the snapshots as before, and a rebuild of the
-- battle-trading group fills it. equity is the latest snapshot's (the baseline before the first).
-- valued_step and filled_seq are the last snapshot step and fill position folded in: a redelivered
-- event at or below them changes nothing.
ALTER TABLE battle_standing ADD COLUMN tracker TEXT;
ALTER TABLE battle_standing ADD COLUMN equity NUMERIC(38, 8);
ALTER TABLE battle_standing ADD COLUMN valued_step BIGINT NOT NULL DEFAULT -1;
ALTER TABLE battle_standing ADD COLUMN filled_seq BIGINT NOT NULL DEFAULT -1;
