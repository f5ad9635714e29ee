-- The order-rate window counts orders per second instead of keeping each order's time: a row
-- holds at most 60 (second, count) pairs whatever the limit, so counting an order costs the same
-- at 100 orders a minute as at a million. The window is transient (a minute of history), so the
-- old rows are dropped rather than converted.
DROP TABLE order_rate_window;

CREATE TABLE order_rate_window (
    agent_id TEXT     NOT NULL PRIMARY KEY,
    -- epoch seconds with at least one counted order, ascending; counts[i] orders in seconds[i]
    seconds  BIGINT[] NOT NULL,
    counts   INT[]    NOT NULL
);
