-- Read models of trading inside historical battles, owned by BattleTradingProjection (processing
-- group "battle-trading") and rebuilt from the event log on a reset.

-- Where each battle's virtual clock stands and the prices its agents have seen.
CREATE TABLE battle_progress (
    battle_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    step         BIGINT      NOT NULL,
    total_steps  BIGINT      NOT NULL,
    starting_balance NUMERIC(38, 8) NOT NULL,
    virtual_time TIMESTAMPTZ,
    prices       JSONB       NOT NULL
);

-- One equity snapshot per participant per step (paused participants have gaps).
CREATE TABLE battle_snapshot (
    battle_id    VARCHAR(64)    NOT NULL,
    step         BIGINT         NOT NULL,
    agent_id     VARCHAR(64)    NOT NULL,
    virtual_time TIMESTAMPTZ,
    recorded_at  TIMESTAMPTZ    NOT NULL,
    equity       NUMERIC(38, 8) NOT NULL,
    roi_pct      NUMERIC(38, 8) NOT NULL,
    trade_count  BIGINT         NOT NULL,
    PRIMARY KEY (battle_id, step, agent_id)
);

-- Every fill of every participant, in execution order.
CREATE TABLE battle_trade (
    battle_id      VARCHAR(64)    NOT NULL,
    seq            BIGINT         NOT NULL,
    agent_id       VARCHAR(64)    NOT NULL,
    order_id       VARCHAR(64)    NOT NULL,
    symbol         VARCHAR(32)    NOT NULL,
    side           VARCHAR(8)     NOT NULL,
    order_type     VARCHAR(16)    NOT NULL,
    quantity       NUMERIC(38, 8) NOT NULL,
    price          NUMERIC(38, 8) NOT NULL,
    slippage_pct   NUMERIC(38, 8) NOT NULL,
    fee            NUMERIC(38, 8) NOT NULL,
    total          NUMERIC(38, 8) NOT NULL,
    realized_pnl   NUMERIC(38, 8),
    step           BIGINT         NOT NULL,
    executed_at    TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (battle_id, seq)
);
CREATE INDEX battle_trade_agent ON battle_trade (battle_id, agent_id, seq);

-- Orders as the agents placed them, with their fate (open, filled, cancelled, rejected).
CREATE TABLE battle_order (
    battle_id      VARCHAR(64)    NOT NULL,
    order_id       VARCHAR(64)    NOT NULL,
    agent_id       VARCHAR(64)    NOT NULL,
    symbol         VARCHAR(32)    NOT NULL,
    side           VARCHAR(8)     NOT NULL,
    order_type     VARCHAR(16)    NOT NULL,
    quantity       NUMERIC(38, 8),
    price          NUMERIC(38, 8),
    trigger_price  NUMERIC(38, 8),
    status         VARCHAR(16)    NOT NULL,
    reject_code    VARCHAR(64),
    reject_reason  VARCHAR(500),
    step           BIGINT         NOT NULL,
    created_at     TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (battle_id, order_id)
);

-- A completed historical battle leaves one backtest record per participant, listed under the
-- strategy label battle_{battle_id}; the session id is derived from battle and agent ids.
CREATE TABLE backtest_session (
    session_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id     VARCHAR(64)  NOT NULL,
    battle_id      VARCHAR(64)  NOT NULL,
    agent_id       VARCHAR(64)  NOT NULL,
    strategy_label VARCHAR(100) NOT NULL,
    ranking        JSONB        NOT NULL,
    completed_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX backtest_session_label ON backtest_session (account_id, strategy_label);
