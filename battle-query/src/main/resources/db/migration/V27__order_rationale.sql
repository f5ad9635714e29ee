-- The agent's decision note on an order (its rationale), shown in order lists and in the trades
-- the order made. Battles started before this show it after a rebuild of their read models.
ALTER TABLE agent_order ADD COLUMN rationale TEXT;
ALTER TABLE battle_order ADD COLUMN rationale TEXT;
