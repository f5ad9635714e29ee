-- Read models of accounts and agents. Each is owned by one projection and can be dropped and
-- rebuilt from the event log at any time.

CREATE TABLE account_view (
    account_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name     VARCHAR(100) NOT NULL,
    email            VARCHAR(320),
    api_secret_hash  VARCHAR(64)  NOT NULL,
    default_agent_id VARCHAR(64)  NOT NULL,
    registered_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE agent_view (
    agent_id         VARCHAR(64)    NOT NULL PRIMARY KEY,
    account_id       VARCHAR(64)    NOT NULL,
    name             VARCHAR(100)   NOT NULL,
    description      TEXT,
    starting_balance NUMERIC(30, 8) NOT NULL,
    max_order_size_pct    NUMERIC(10, 4) NOT NULL,
    max_position_size_pct NUMERIC(10, 4) NOT NULL,
    daily_loss_limit_pct  NUMERIC(10, 4) NOT NULL,
    max_open_orders  INTEGER        NOT NULL,
    api_key_prefix   VARCHAR(32)    NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    default_agent    BOOLEAN        NOT NULL,
    cloned_from      VARCHAR(64),
    reset_count      INTEGER        NOT NULL DEFAULT 0,
    last_reset_at    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ    NOT NULL,
    updated_at       TIMESTAMPTZ    NOT NULL,
    -- the position of the agent's creation in the log: a stable order for lists
    created_seq      BIGINT         NOT NULL
);
CREATE INDEX agent_view_account ON agent_view (account_id, created_seq);

-- API key hash -> who it authenticates. Keys are random 256-bit values, so their SHA-256 is a
-- safe lookup key; the clear key never reaches the database.
CREATE TABLE api_credential (
    api_key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id   VARCHAR(64) NOT NULL,
    agent_id     VARCHAR(64) NOT NULL
);
CREATE INDEX api_credential_agent ON api_credential (agent_id);
