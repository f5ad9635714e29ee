-- Several nodes on one database (docs/operations.md, "Scaling out").
--
-- A lease names the one node that runs a cluster-wide job (the live clock): the holder renews
-- it every tick, another node takes it once it has expired. Times are the database's (now()),
-- so the nodes' clocks need not agree.
CREATE TABLE cluster_lease (
    name       TEXT                     NOT NULL PRIMARY KEY,
    owner      TEXT                     NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- one more each time the lease changes hands: a new holder knows it just took over
    epoch      BIGINT                   NOT NULL
);

-- The order-rate limit's sliding minute, shared by every node: the times of each agent's
-- accepted orders in the last minute, oldest first (at most the limit, 100 by default).
CREATE TABLE order_rate_window (
    agent_id TEXT                       NOT NULL PRIMARY KEY,
    hits     TIMESTAMP WITH TIME ZONE[] NOT NULL
);

-- The push processor keeps its token in memory on every node now (each node pushes to its own
-- clients, from the head of the log): its old shared token is left over.
DELETE FROM token_entry WHERE processor_name = 'websocket-push';
