-- Read models of agents' live trading, owned by AgentTradingProjection (processing group
-- "agent-trading") and rebuilt from the event log on a reset.

-- Battles that trade at live prices: only their orders belong to an agent's own views.
CREATE TABLE agent_trading_live_battle (
    battle_id  VARCHAR(64) NOT NULL PRIMARY KEY
);

-- Each agent's own wallet (WalletHoldings as JSON), and the live battle holding it, if any.
CREATE TABLE agent_wallet (
    agent_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL,
    holdings   JSONB       NOT NULL,
    battle_id  VARCHAR(64),
    updated_at TIMESTAMPTZ
);

-- Each participant's wallet inside a live battle.
CREATE TABLE agent_battle_wallet (
    battle_id  VARCHAR(64) NOT NULL,
    agent_id   VARCHAR(64) NOT NULL,
    holdings   JSONB       NOT NULL,
    updated_at TIMESTAMPTZ,
    PRIMARY KEY (battle_id, agent_id)
);

-- Every order of an agent: scope '' is its own wallet, otherwise the live battle's id.
CREATE TABLE agent_order (
    agent_id          VARCHAR(64)    NOT NULL,
    scope             VARCHAR(64)    NOT NULL,
    order_id          VARCHAR(64)    NOT NULL,
    seq               BIGINT         NOT NULL,
    symbol            VARCHAR(32)    NOT NULL,
    side              VARCHAR(8)     NOT NULL,
    order_type        VARCHAR(16)    NOT NULL,
    quantity          NUMERIC(38, 8),
    price             NUMERIC(38, 8),
    trigger_price     NUMERIC(38, 8),
    status            VARCHAR(16)    NOT NULL,
    reject_code       VARCHAR(64),
    reject_reason     VARCHAR(500),
    cancel_reason     VARCHAR(64),
    executed_price    NUMERIC(38, 8),
    executed_quantity NUMERIC(38, 8),
    slippage_pct      NUMERIC(38, 10),
    fee               NUMERIC(38, 8),
    total_cost        NUMERIC(38, 8),
    created_at        TIMESTAMPTZ    NOT NULL,
    filled_at         TIMESTAMPTZ,
    PRIMARY KEY (agent_id, scope, order_id)
);
CREATE INDEX agent_order_by_seq ON agent_order (agent_id, scope, seq);
CREATE INDEX agent_order_by_id ON agent_order (agent_id, order_id);

-- Every fill of an agent (orders fill whole: the trade id is the order id), same scopes.
CREATE TABLE agent_trade (
    agent_id     VARCHAR(64)    NOT NULL,
    scope        VARCHAR(64)    NOT NULL,
    order_id     VARCHAR(64)    NOT NULL,
    seq          BIGINT         NOT NULL,
    symbol       VARCHAR(32)    NOT NULL,
    side         VARCHAR(8)     NOT NULL,
    order_type   VARCHAR(16)    NOT NULL,
    quantity     NUMERIC(38, 8) NOT NULL,
    price        NUMERIC(38, 8) NOT NULL,
    slippage_pct NUMERIC(38, 10) NOT NULL,
    fee          NUMERIC(38, 8) NOT NULL,
    total        NUMERIC(38, 8) NOT NULL,
    realized_pnl NUMERIC(38, 8),
    executed_at  TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (agent_id, scope, order_id)
);
CREATE INDEX agent_trade_by_seq ON agent_trade (agent_id, scope, seq);
