-- The buy-and-hold baseline of every battle (projection "battle-trading", BuyAndHoldProjection):
-- the starting balance split over the pairs, bought at each pair's first recorded price with the
-- battle's costs, held. Folded from BattleStarted, BattleStepped and LiveSnapshotTaken only, by
-- the engine's BuyAndHold; the audit folds the log again and compares every row.

-- One row per started battle. state: the BuyAndHold folded so far (JSON of its fields); step: the
-- last step (historical) or snapshot sequence (live) folded, so a redelivery changes nothing.
-- equity, roi_pct, total_pnl, holdings: its latest value; null before the battle's first price.
CREATE TABLE battle_buy_and_hold (
    battle_id VARCHAR(64)    NOT NULL PRIMARY KEY,
    state     JSONB          NOT NULL,
    step      BIGINT         NOT NULL,
    equity    NUMERIC(38, 8),
    roi_pct   NUMERIC(38, 8),
    total_pnl NUMERIC(38, 8),
    holdings  JSONB
);

-- Its value at every step or live snapshot from the first price on (the replay's baseline).
CREATE TABLE battle_buy_and_hold_snapshot (
    battle_id VARCHAR(64)    NOT NULL,
    step      BIGINT         NOT NULL,
    equity    NUMERIC(38, 8) NOT NULL,
    roi_pct   NUMERIC(38, 8) NOT NULL,
    total_pnl NUMERIC(38, 8) NOT NULL,
    PRIMARY KEY (battle_id, step)
);
