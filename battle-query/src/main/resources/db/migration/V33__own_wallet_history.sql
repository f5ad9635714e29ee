-- The own wallet's history, owned by OwnWalletHistoryProjection (processing group
-- "own-wallet-history") and rebuilt from the event log on a reset: enough to value the wallet at
-- any past moment of its current session (docs/metrics.md "Own wallets").

-- The current session of each agent's own wallet: it starts at the agent's creation and at every reset.
CREATE TABLE own_wallet_session (
    agent_id         VARCHAR(64)    NOT NULL PRIMARY KEY,
    account_id       VARCHAR(64)    NOT NULL,
    session_no       INT            NOT NULL,
    started_at       TIMESTAMPTZ    NOT NULL,
    starting_balance NUMERIC(38, 8) NOT NULL
);

-- The wallet after every change (opening, order placed, fill, cancel, return from a battle), in
-- event order. A fill also keeps its realized PnL (null for a buy) so trades can be counted.
CREATE TABLE own_wallet_change (
    agent_id     VARCHAR(64) NOT NULL,
    seq          BIGINT      NOT NULL,
    session_no   INT         NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    holdings     JSONB       NOT NULL,
    fill         BOOLEAN     NOT NULL DEFAULT false,
    realized_pnl NUMERIC,
    PRIMARY KEY (agent_id, seq)
);
CREATE INDEX own_wallet_change_session ON own_wallet_change (agent_id, session_no, seq);

-- Market prices recorded in the wallet's events: each fill's reference price and the quotes a
-- day mark valued the wallet at.
CREATE TABLE own_wallet_price (
    agent_id VARCHAR(64)    NOT NULL,
    seq      BIGINT         NOT NULL,
    symbol   VARCHAR(32)    NOT NULL,
    at       TIMESTAMPTZ    NOT NULL,
    price    NUMERIC        NOT NULL,
    PRIMARY KEY (agent_id, seq, symbol)
);
CREATE INDEX own_wallet_price_time ON own_wallet_price (agent_id, symbol, at);
