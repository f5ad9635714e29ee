-- How each participant played the agents' clock: one row per step it decided on in time
-- (decision_ms from the step's opening to its readiness) or missed (timed_out, no decision time).
CREATE TABLE battle_decisions (
    battle_id   TEXT        NOT NULL,
    agent_id    TEXT        NOT NULL,
    step        BIGINT      NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL,
    decision_ms BIGINT,
    timed_out   BOOLEAN     NOT NULL,
    PRIMARY KEY (battle_id, agent_id, step)
);
