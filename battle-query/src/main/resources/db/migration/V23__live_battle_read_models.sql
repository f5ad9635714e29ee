-- Live battles on the trading read models (projection "battle-trading"). A live battle has a
-- battle_progress row too: its step is the sequence of its latest snapshot, total_steps 0 and
-- virtual_time null; live tells it apart from a historical one.
ALTER TABLE battle_progress ADD COLUMN live BOOLEAN NOT NULL DEFAULT FALSE;
-- Spacing of the equity snapshots (a historical battle's candle interval, a live battle's
-- snapshot interval): it annualises sharpe in the live standings.
ALTER TABLE battle_progress ADD COLUMN snapshot_interval_ms BIGINT;
ALTER TABLE battle_progress ADD COLUMN started_at TIMESTAMPTZ;
-- fresh or existing: an existing-mode wallet's ROI is measured against its value at cost
ALTER TABLE battle_progress ADD COLUMN wallet_mode VARCHAR(16);

-- What each participant's ROI is measured against (the starting balance, or an existing-mode
-- wallet at cost), and when the loss limit eliminated it: the inputs of a standing besides its
-- snapshots and fills. Live participants appear once their wallet is provisioned.
CREATE TABLE battle_standing (
    battle_id    VARCHAR(64)    NOT NULL,
    agent_id     VARCHAR(64)    NOT NULL,
    join_order   INT            NOT NULL,
    baseline     NUMERIC(38, 8) NOT NULL,
    eliminated_at TIMESTAMPTZ,
    PRIMARY KEY (battle_id, agent_id)
);
