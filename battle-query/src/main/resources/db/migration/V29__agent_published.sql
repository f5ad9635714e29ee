-- An owner may publish an agent: it then shows on other accounts' leaderboards (/analytics/leaderboard).
ALTER TABLE agent_view ADD COLUMN published boolean NOT NULL DEFAULT false;
