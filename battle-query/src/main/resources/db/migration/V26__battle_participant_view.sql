-- What one participant sees of its battle (projection "battle-trading").
-- The candles of a battle's latest step, as its BattleStepped event recorded them: the agents'
-- view of the current step. Null until the first step (and for live battles).
ALTER TABLE battle_progress ADD COLUMN candles JSONB;

-- Each participant's wallet inside a battle, historical or live, folded from the battle's events
-- with the engine's Sandbox: starting cash (historical) or the provisioned holdings (live), then
-- every order placed, filled and cancelled. last_seq is the log position of the last event
-- applied, so a redelivered event changes nothing.
CREATE TABLE battle_wallet (
    battle_id  VARCHAR(64) NOT NULL,
    agent_id   VARCHAR(64) NOT NULL,
    holdings   JSONB       NOT NULL,
    last_seq   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ,
    PRIMARY KEY (battle_id, agent_id)
);
