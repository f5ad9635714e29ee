-- The timeline of each participant's decisions in a battle: its orders as placed (resting, filled
-- at once, or refused) and its "done with this step", each with the agent's rationale if it gave one.
CREATE TABLE battle_decision_notes (
    seq         BIGINT      NOT NULL, -- the event's position in the battle's stream: the timeline's order
    battle_id   TEXT        NOT NULL,
    agent_id    TEXT        NOT NULL,
    note_key    TEXT        NOT NULL,
    step        BIGINT      NOT NULL,
    kind        TEXT        NOT NULL,
    order_id    TEXT,
    symbol      TEXT,
    side        TEXT,
    order_type  TEXT,
    quantity    NUMERIC,
    outcome     TEXT,
    rationale   TEXT,
    decided_at  TIMESTAMPTZ,
    PRIMARY KEY (battle_id, agent_id, note_key)
);
CREATE INDEX battle_decision_notes_timeline ON battle_decision_notes (battle_id, seq);
