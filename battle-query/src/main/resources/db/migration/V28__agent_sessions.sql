-- The current trading session of each agent's own wallet (AgentTradingProjection): it starts at
-- the agent's creation and at every reset. session_seq is the log position of the starting event,
-- so the session's fills are the own-wallet agent_trade rows after it. Rows of agents projected
-- before this migration get a session after `./battles projections rebuild agent-trading`.
ALTER TABLE agent_wallet ADD COLUMN session_id VARCHAR(64);
ALTER TABLE agent_wallet ADD COLUMN session_started_at TIMESTAMPTZ;
ALTER TABLE agent_wallet ADD COLUMN session_seq BIGINT;
