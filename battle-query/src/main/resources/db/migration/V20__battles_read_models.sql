-- Read models of battles, owned by BattleProjection (processing group "battles") and rebuilt from
-- the event log on a reset. Deleted battles are removed; hidden ones stay for their detail/results.

CREATE TABLE battle_view (
    battle_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id        VARCHAR(64)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    battle_mode       VARCHAR(16)  NOT NULL,
    ranking_metric    VARCHAR(32)  NOT NULL,
    -- the resolved BattleConfig; at start replaced by the locked one (historical window resolved)
    config            JSONB        NOT NULL,
    participant_count INTEGER      NOT NULL DEFAULT 0,
    winner_agent_id   VARCHAR(64),
    final_rankings    JSONB,
    rankings_digest   VARCHAR(64),
    rematch_of        VARCHAR(64),
    hidden            BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    started_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    -- the position of the creation in the log: a stable order for lists
    created_seq       BIGINT       NOT NULL
);
CREATE INDEX battle_view_account ON battle_view (account_id, created_seq DESC) WHERE NOT hidden;

CREATE TABLE battle_participant_view (
    battle_id  VARCHAR(64)  NOT NULL,
    agent_id   VARCHAR(64)  NOT NULL,
    agent_name VARCHAR(100) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    joined_at  TIMESTAMPTZ  NOT NULL,
    join_seq   BIGINT       NOT NULL,
    PRIMARY KEY (battle_id, agent_id)
);
