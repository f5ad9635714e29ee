package com.agentbattles.query.battle;

import com.agentbattles.domain.metrics.BattleStandings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads of the trading read models, always for one owner: another account's battle reads as
 * absent. Callers wait for the projections first (the read-your-writes barrier).
 */
@Component
public class BattleTradingReadModel {

    /**
     * @param live             a live battle: {@code step} is its latest snapshot's sequence, no virtual time
     * @param snapshotInterval spacing of its equity snapshots; null for a battle started before it was recorded
     */
    public record Progress(long step, long totalSteps, Instant virtualTime, Map<String, BigDecimal> prices,
                           boolean live, java.time.Duration snapshotInterval, Instant startedAt) {
    }

    public record AgentSnapshot(BigDecimal equity, BigDecimal roiPct, long tradeCount) {
    }

    public record Snapshot(long step, Instant timestamp, Instant virtualTime, Map<String, AgentSnapshot> participants) {
    }

    public record SnapshotPage(List<Snapshot> snapshots, long totalSnapshots) {
    }

    public record Trade(String tradeId, String orderId, String agentId, String symbol, String side, String type,
                        BigDecimal quantity, BigDecimal price, BigDecimal slippagePct, BigDecimal fee, BigDecimal total,
                        BigDecimal realizedPnl, long step, Instant executedAt) {
    }

    public record EquityPoint(long step, Instant virtualTime, BigDecimal equity, BigDecimal roiPct, long tradeCount) {
    }

    public record BacktestSession(String sessionId, String battleId, String agentId, String strategyLabel,
                                  com.agentbattles.domain.battle.FinalRanking ranking, Instant completedAt) {
    }

    private final JdbcClient jdbc;

    public BattleTradingReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How one participant played the agents' clock.
     *
     * @param stepsInTime      steps it said it was done with before they closed
     * @param timeouts         steps that timed out while it was still deciding
     * @param medianDecisionMs median time from a step's opening to its readiness, null before its first
     * @param p95DecisionMs    95th percentile of the same (nearest rank)
     */
    public record ClockPlay(long stepsInTime, long timeouts, Long medianDecisionMs, Long p95DecisionMs) {
        public static final ClockPlay NONE = new ClockPlay(0, 0, null, null);
    }

    /** The open step of an agents' clock: who is done with it, and when it opened (null if not known yet). */
    public record OpenStep(java.util.Set<String> done, Instant openedAt) {
    }

    public OpenStep openStep(String battleId, long step) {
        java.util.Set<String> done = new java.util.HashSet<>(jdbc.sql(
                        "SELECT agent_id FROM battle_decisions WHERE battle_id = ? AND step = ? AND NOT timed_out")
                .params(battleId, step).query(String.class).list());
        return new OpenStep(done, BattleDecisionProjection.openingOf(jdbc, battleId, step));
    }

    /** Agent → how it played the battle's agents' clock; empty for a battle whose owner moves the clock. */
    public Map<String, ClockPlay> clockPlay(String battleId) {
        Map<String, ClockPlay> play = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT agent_id,
                               count(*) FILTER (WHERE NOT timed_out) AS in_time,
                               count(*) FILTER (WHERE timed_out) AS timeouts,
                               percentile_disc(0.5) WITHIN GROUP (ORDER BY decision_ms) AS median_ms,
                               percentile_disc(0.95) WITHIN GROUP (ORDER BY decision_ms) AS p95_ms
                        FROM battle_decisions WHERE battle_id = ? GROUP BY agent_id ORDER BY agent_id""")
                .param(battleId)
                .query((rs, n) -> play.put(rs.getString("agent_id"), new ClockPlay(rs.getLong("in_time"),
                        rs.getLong("timeouts"), (Long) rs.getObject("median_ms"), (Long) rs.getObject("p95_ms"))))
                .list();
        return play;
    }

    /** One decision of a participant: an order as placed (or refused) or its readiness, with its note. */
    public record DecisionNote(String agentId, long step, String kind, String orderId, String symbol, String side,
                               String type, BigDecimal quantity, String outcome, String rationale, Instant decidedAt) {
    }

    public record DecisionPage(List<DecisionNote> decisions, long total) {
    }

    /** A battle's decision timeline in recorded order, of one agent or (agentId null) of all. */
    public DecisionPage decisions(String battleId, String agentId, int limit, int offset) {
        String filter = agentId == null ? "" : " AND agent_id = :agent";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("battle", battleId);
        if (agentId != null) {
            params.put("agent", agentId);
        }
        long total = jdbc.sql("SELECT count(*) FROM battle_decision_notes WHERE battle_id = :battle" + filter)
                .params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<DecisionNote> notes = jdbc.sql("""
                        SELECT agent_id, step, kind, order_id, symbol, side, order_type, quantity, outcome, rationale,
                               decided_at
                        FROM battle_decision_notes WHERE battle_id = :battle""" + filter + " ORDER BY seq LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> new DecisionNote(rs.getString("agent_id"), rs.getLong("step"), rs.getString("kind"),
                        rs.getString("order_id"), rs.getString("symbol"), rs.getString("side"), rs.getString("order_type"),
                        rs.getBigDecimal("quantity"), rs.getString("outcome"), rs.getString("rationale"),
                        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant()))
                .list();
        return new DecisionPage(notes, total);
    }

    public Optional<Progress> progress(String accountId, String battleId) {
        return jdbc.sql("""
                        SELECT p.step, p.total_steps, p.virtual_time, p.prices::text AS prices, p.live,
                            p.snapshot_interval_ms, p.started_at
                        FROM battle_progress p JOIN battle_view b ON b.battle_id = p.battle_id
                        WHERE p.battle_id = ? AND b.account_id = ?""")
                .params(battleId, accountId)
                .query((rs, n) -> {
                    long interval = rs.getLong("snapshot_interval_ms");
                    return new Progress(rs.getLong("step"), rs.getLong("total_steps"),
                            instant(rs, "virtual_time"), prices(rs.getString("prices")), rs.getBoolean("live"),
                            rs.wasNull() ? null : java.time.Duration.ofMillis(interval), instant(rs, "started_at"));
                })
                .optional();
    }

    /**
     * The standings of a battle with the one calculator: every participant's snapshots with a step
     * below {@code beforeStep} and fills logged below {@code beforeSeq} (Long.MAX_VALUE for
     * everything). Not filtered by owner: callers check ownership first (the REST endpoint by its
     * battle query, the push by the event's own battle).
     *
     * <p>For everything, the participants' trackers as {@link BattleEquityProjection} keeps them
     * after each snapshot are read, one row per participant: O(participants) whatever the length
     * of the battle. When a row has no tracker (projected before trackers were kept, until a
     * rebuild) or the roster names someone without a row, and up to a point in the log, the
     * snapshots and fills are folded as {@link #foldedStandings} does. Both give the same digits.
     *
     * @param spacing the snapshot spacing when the progress row has none recorded
     * @param roster  the participants in joining order, measured against {@code startingBalance}
     *                when the battle has no standing rows (started before they were projected)
     */
    public BattleStandings standings(String battleId, com.agentbattles.domain.battle.RankingMetric metric,
                                     boolean survival, java.time.Duration spacing, List<String> roster,
                                     BigDecimal startingBalance, long beforeStep, long beforeSeq) {
        if (beforeStep == Long.MAX_VALUE && beforeSeq == Long.MAX_VALUE) {
            Optional<BattleStandings> kept = keptStandings(battleId, metric, survival, spacing, roster);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        return foldedStandings(battleId, metric, survival, spacing, roster, startingBalance, beforeStep, beforeSeq);
    }

    /** The standings from the trackers kept in {@code battle_standing}; empty when a participant has none. */
    private Optional<BattleStandings> keptStandings(String battleId, com.agentbattles.domain.battle.RankingMetric metric,
                                                    boolean survival, java.time.Duration spacing, List<String> roster) {
        BattleStandings standings = new BattleStandings(metric, survival, spacing);
        java.util.Set<String> kept = new java.util.HashSet<>();
        boolean[] complete = {true};
        jdbc.sql("""
                        SELECT agent_id, join_order, baseline, eliminated_at, tracker, equity FROM battle_standing
                        WHERE battle_id = ? ORDER BY join_order""")
                .param(battleId)
                .query(rs -> {
                    String tracker = rs.getString("tracker");
                    if (tracker == null) {
                        complete[0] = false;
                        return;
                    }
                    String agentId = rs.getString("agent_id");
                    standings.restore(agentId, rs.getInt("join_order"), rs.getBigDecimal("baseline"),
                            BattleJson.tracker(tracker), rs.getBigDecimal("equity"), instant(rs, "eliminated_at"));
                    kept.add(agentId);
                });
        return complete[0] && kept.containsAll(roster) ? Optional.of(standings) : Optional.empty();
    }

    /**
     * The standings folded from every snapshot and fill of the read model, O(snapshots): the path
     * of a point in the log (a push node seeding mid-battle) and of rows without a kept tracker,
     * and what the kept trackers are tested against.
     */
    public BattleStandings foldedStandings(String battleId, com.agentbattles.domain.battle.RankingMetric metric,
                                           boolean survival, java.time.Duration spacing, List<String> roster,
                                           BigDecimal startingBalance, long beforeStep, long beforeSeq) {
        java.time.Duration recorded = jdbc.sql("SELECT snapshot_interval_ms FROM battle_progress WHERE battle_id = ?")
                .param(battleId).query((rs, n) -> {
                    long ms = rs.getLong(1);
                    return rs.wasNull() ? null : java.time.Duration.ofMillis(ms);
                }).optional().orElse(null);
        BattleStandings standings = new BattleStandings(metric, survival, recorded == null ? spacing : recorded);
        jdbc.sql("SELECT agent_id, join_order, baseline, eliminated_at FROM battle_standing WHERE battle_id = ? ORDER BY join_order")
                .param(battleId)
                .query(rs -> {
                    String agentId = rs.getString("agent_id");
                    standings.join(agentId, rs.getInt("join_order"), rs.getBigDecimal("baseline"));
                    Instant eliminatedAt = instant(rs, "eliminated_at");
                    if (eliminatedAt != null) {
                        standings.eliminated(agentId, eliminatedAt);
                    }
                });
        for (int i = 0; i < roster.size(); i++) {
            standings.join(roster.get(i), i, startingBalance);
        }
        jdbc.sql("""
                        SELECT agent_id, recorded_at, virtual_time, equity FROM battle_snapshot
                        WHERE battle_id = ? AND step < ? ORDER BY step, agent_id""")
                .params(battleId, beforeStep)
                .query(rs -> {
                    Instant virtualTime = instant(rs, "virtual_time");
                    standings.valued(rs.getString("agent_id"), virtualTime == null ? instant(rs, "recorded_at") : virtualTime,
                            rs.getBigDecimal("equity"));
                });
        jdbc.sql("SELECT agent_id, realized_pnl FROM battle_trade WHERE battle_id = ? AND seq < ? ORDER BY seq")
                .params(battleId, beforeSeq)
                .query(rs -> {
                    standings.filled(rs.getString("agent_id"), rs.getBigDecimal("realized_pnl"));
                });
        return standings;
    }

    /**
     * Snapshots by step, a page of steps at a time; each step holds every participant valued at it.
     * The page is found first as a step range, then read by the primary key's prefix: one index
     * range scan whatever the size of the table (a semi-join on the page planned badly once the
     * table grew).
     */
    public SnapshotPage snapshots(String accountId, String battleId, int limit, int offset) {
        boolean owned = jdbc.sql("SELECT count(*) FROM battle_view WHERE battle_id = ? AND account_id = ?")
                .params(battleId, accountId).query(Long.class).single() > 0;
        if (!owned) {
            return new SnapshotPage(List.of(), 0);
        }
        long total = jdbc.sql("SELECT count(DISTINCT step) FROM battle_snapshot WHERE battle_id = ?")
                .param(battleId).query(Long.class).single();
        List<Long> page = jdbc.sql("""
                        SELECT DISTINCT step FROM battle_snapshot WHERE battle_id = ?
                        ORDER BY step LIMIT ? OFFSET ?""")
                .params(battleId, limit, offset).query(Long.class).list();
        if (page.isEmpty()) {
            return new SnapshotPage(List.of(), total);
        }
        Map<Long, Snapshot> bySteps = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT step, recorded_at, virtual_time, agent_id, equity, roi_pct, trade_count
                        FROM battle_snapshot WHERE battle_id = ? AND step BETWEEN ? AND ?
                        ORDER BY step, agent_id""")
                .params(battleId, page.get(0), page.get(page.size() - 1))
                .query(rs -> {
                    long step = rs.getLong("step");
                    Snapshot snapshot = bySteps.get(step);
                    if (snapshot == null) {
                        snapshot = new Snapshot(step, instant(rs, "recorded_at"), instant(rs, "virtual_time"),
                                new LinkedHashMap<>());
                        bySteps.put(step, snapshot);
                    }
                    snapshot.participants().put(rs.getString("agent_id"), new AgentSnapshot(rs.getBigDecimal("equity"),
                            rs.getBigDecimal("roi_pct"), rs.getLong("trade_count")));
                });
        return new SnapshotPage(new ArrayList<>(bySteps.values()), total);
    }

    /** One agent's equity curve in a battle, oldest first. */
    public List<EquityPoint> equityCurve(String accountId, String battleId, String agentId) {
        return jdbc.sql("""
                        SELECT s.step, s.virtual_time, s.equity, s.roi_pct, s.trade_count
                        FROM battle_snapshot s JOIN battle_view b ON b.battle_id = s.battle_id
                        WHERE s.battle_id = ? AND s.agent_id = ? AND b.account_id = ? ORDER BY s.step""")
                .params(battleId, agentId, accountId)
                .query((rs, n) -> new EquityPoint(rs.getLong("step"), instant(rs, "virtual_time"),
                        rs.getBigDecimal("equity"), rs.getBigDecimal("roi_pct"), rs.getLong("trade_count")))
                .list();
    }

    /** Fills in execution order; {@code agentId} null for everyone's. */
    public List<Trade> trades(String accountId, String battleId, String agentId, int limit, int offset) {
        return jdbc.sql("""
                        SELECT t.* FROM battle_trade t JOIN battle_view b ON b.battle_id = t.battle_id
                        WHERE t.battle_id = ? AND b.account_id = ? AND (CAST(? AS VARCHAR) IS NULL OR t.agent_id = ?)
                        ORDER BY t.seq LIMIT ? OFFSET ?""")
                .params(battleId, accountId, agentId, agentId, limit, offset)
                .query((rs, n) -> new Trade(rs.getString("order_id"), rs.getString("order_id"), rs.getString("agent_id"),
                        rs.getString("symbol"), rs.getString("side"), rs.getString("order_type"),
                        rs.getBigDecimal("quantity"), rs.getBigDecimal("price"), rs.getBigDecimal("slippage_pct"),
                        rs.getBigDecimal("fee"), rs.getBigDecimal("total"), rs.getBigDecimal("realized_pnl"),
                        rs.getLong("step"), instant(rs, "executed_at")))
                .list();
    }

    public Optional<BacktestSession> backtest(String accountId, String sessionId) {
        return jdbc.sql("SELECT * FROM backtest_session WHERE session_id = ? AND account_id = ?")
                .params(sessionId, accountId).query(this::session).optional();
    }

    /** The account's backtest records, newest first; {@code strategyLabel} null for all. */
    public List<BacktestSession> backtests(String accountId, String strategyLabel, int limit, int offset) {
        return jdbc.sql("""
                        SELECT * FROM backtest_session WHERE account_id = ?
                            AND (CAST(? AS VARCHAR) IS NULL OR strategy_label = ?)
                        ORDER BY completed_at DESC, session_id LIMIT ? OFFSET ?""")
                .params(accountId, strategyLabel, strategyLabel, limit, offset).query(this::session).list();
    }

    /** Realized PnL of every sell of an agent, in execution order, and its fill count. */
    public record Realized(List<BigDecimal> sellPnls, long fills) {
    }

    public Realized realized(String accountId, String battleId, String agentId) {
        List<BigDecimal> pnls = new ArrayList<>();
        long[] fills = {0};
        jdbc.sql("""
                        SELECT t.realized_pnl FROM battle_trade t JOIN battle_view b ON b.battle_id = t.battle_id
                        WHERE t.battle_id = ? AND t.agent_id = ? AND b.account_id = ? ORDER BY t.seq""")
                .params(battleId, agentId, accountId)
                .query(rs -> {
                    fills[0]++;
                    BigDecimal pnl = rs.getBigDecimal("realized_pnl");
                    if (pnl != null) {
                        pnls.add(pnl);
                    }
                });
        return new Realized(pnls, fills[0]);
    }

    private BacktestSession session(ResultSet rs, int row) throws SQLException {
        return new BacktestSession(rs.getString("session_id"), rs.getString("battle_id"), rs.getString("agent_id"),
                rs.getString("strategy_label"), BattleJson.ranking(rs.getString("ranking")), instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Map<String, BigDecimal> prices(String json) {
        Map<String, BigDecimal> prices = new TreeMap<>();
        BattleJson.stringMap(json).forEach((symbol, price) -> prices.put(symbol, new BigDecimal(price)));
        return prices;
    }
}
