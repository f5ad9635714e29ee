package com.agentbattles.api.battle;

import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.domain.metrics.BattleStandings;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.query.battle.BattleProjection;
import com.agentbattles.query.battle.BattleTradingProjection;
import com.agentbattles.query.battle.BattleTradingReadModel;
import com.agentbattles.query.battle.BattleTradingReadModel.AgentSnapshot;
import com.agentbattles.query.battle.BattleTradingReadModel.BacktestSession;
import com.agentbattles.query.battle.BattleTradingReadModel.Snapshot;
import com.agentbattles.query.battle.BattleTradingReadModel.SnapshotPage;
import com.agentbattles.query.battle.BattleTradingReadModel.Trade;
import com.agentbattles.query.battle.BuyAndHoldReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results, replay snapshots and the backtest records historical battles leave behind. */
@RestController
@Tag(name = "Results and replay", description = "Final rankings, equity snapshots and per-agent backtest records")
public class BattleResultsController {

    private static final List<String> BATTLE_PROJECTIONS =
            List.of(BattleProjection.NAME, BattleTradingProjection.NAME);

    static final int DEFAULT_REPLAY_LIMIT = 500;
    static final int MAX_REPLAY_LIMIT = 10_000;

    private final QueryGateway queries;
    private final ReadModelBarrier barrier;
    private final BattleTradingReadModel trading;
    private final java.time.Clock clock;
    private final com.agentbattles.api.audit.BattleAuditService audits;
    private final BuyAndHoldReadModel baselines;

    public BattleResultsController(QueryGateway queries, ReadModelBarrier barrier, BattleTradingReadModel trading,
                                   java.time.Clock clock, com.agentbattles.api.audit.BattleAuditService audits,
                                   BuyAndHoldReadModel baselines) {
        this.audits = audits;
        this.baselines = baselines;
        this.queries = queries;
        this.barrier = barrier;
        this.trading = trading;
        this.clock = clock;
    }

    /**
     * A recorded final ranking with the participant's psr and dsr beside it.
     *
     * @param statistics the participant's metrics recomputed from the read model (psr, dsr); null if none
     */
    record RankingResponse(int rank, String agentId, String agentName, BigDecimal startingBalance, BigDecimal finalEquity,
                           BigDecimal roiPct, BigDecimal excessRoiPct, BigDecimal totalPnl, BigDecimal sharpeRatio,
                           BigDecimal psr, BigDecimal dsr,
                           BigDecimal maxDrawdownPct, BigDecimal winRate, BigDecimal profitFactor, long totalTrades,
                           Instant eliminatedAt, ClockPlayResponse clock) {
        static RankingResponse of(FinalRanking r, PerformanceMetrics statistics, BaselineValue baseline,
                                  ClockPlayResponse clock) {
            return new RankingResponse(r.rank(), r.agentId(), r.agentName(), Money.display(r.startingBalance()),
                    Money.display(r.finalEquity()), Money.plain(r.roiPct()),
                    Money.plain(BaselineValue.excessRoiPct(r.roiPct(), baseline)), Money.display(r.totalPnl()),
                    Money.plain(r.sharpeRatio()),
                    statistics == null ? null : Money.plain(statistics.psr()),
                    statistics == null ? null : Money.plain(statistics.dsr()),
                    Money.plain(r.maxDrawdownPct()), Money.plain(r.winRate()), Money.plain(r.profitFactor()), r.totalTrades(),
                    r.eliminatedAt(), clock);
        }
    }

    /** How a participant played the agents' clock; absent (null) when the owner moves the clock. */
    record ClockPlayResponse(long stepsDecidedInTime, long timeouts, Long medianDecisionMs, Long p95DecisionMs) {
        static ClockPlayResponse of(boolean agentsClock, Map<String, BattleTradingReadModel.ClockPlay> play,
                                    String agentId) {
            if (!agentsClock) {
                return null;
            }
            BattleTradingReadModel.ClockPlay p = play.getOrDefault(agentId, BattleTradingReadModel.ClockPlay.NONE);
            return new ClockPlayResponse(p.stepsInTime(), p.timeouts(), p.medianDecisionMs(), p.p95DecisionMs());
        }
    }

    /**
     * @param unranked participants who took no part in the trading (a live wallet that could not be
     *                 handed over), with their status: they are in the roster, never in the ranking
     */
    record ResultsResponse(String battleId, String name, String status, String battleMode, String rankingMetric,
                           Instant startedAt, Instant completedAt, List<RankingResponse> rankings, String winnerAgentId,
                           String winnerAgentName, String rankingsDigest, List<UnrankedParticipant> unranked,
                           BaselineResponse baseline) {
    }

    /**
     * The buy-and-hold baseline beside a ranking (not ranked): its latest value and what it holds.
     * Null before the battle's first price.
     */
    record BaselineResponse(BigDecimal equity, BigDecimal roiPct, BigDecimal totalPnl, Map<String, BigDecimal> holdings) {
        static BaselineResponse of(BaselineValue value) {
            if (value == null) {
                return null;
            }
            Map<String, BigDecimal> holdings = new java.util.TreeMap<>();
            value.holdings().forEach((symbol, quantity) -> holdings.put(symbol, Money.plain(quantity)));
            return new BaselineResponse(Money.display(value.equity()), Money.plain(value.roiPct()),
                    Money.display(value.totalPnl()), holdings);
        }
    }

    /** The baseline at one snapshot, as the replay and the push show it: {@code {equity, roi_pct}}, or null. */
    public static Map<String, Object> baselinePoint(BaselineValue value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("equity", Money.display(value.equity()));
        point.put("roi_pct", Money.plain(value.roiPct()));
        return point;
    }

    /** A participant outside the ranking, and why (its status, e.g. {@code not_provisioned}). */
    record UnrankedParticipant(String agentId, String agentName, String status) {

        static List<UnrankedParticipant> of(BattleDetail battle) {
            return battle.participants().stream().filter(p -> p.status() == ParticipantStatus.NOT_PROVISIONED)
                    .map(p -> new UnrankedParticipant(p.agentId(), p.agentName(), p.status().code())).toList();
        }
    }

    record ReplaySnapshot(long step, Instant timestamp, Instant virtualTime, Map<String, Map<String, Object>> participants,
                          Map<String, Object> baseline) {
    }

    record ReplayResponse(String battleId, List<ReplaySnapshot> snapshots, long totalSnapshots, boolean hasMore,
                          int limit, int offset, List<UnrankedParticipant> unranked) {
    }

    @GetMapping("/api/v1/battles/{battleId}/results")
    @Operation(summary = "Final rankings of a completed battle", description = "400 while the battle is not completed")
    public ResultsResponse results(Caller caller, @PathVariable String battleId) {
        BattleDetail battle = battle(caller, battleId);
        if (battle.status() != BattleStatus.COMPLETED) {
            throw new DomainException(ErrorCode.BATTLE_NOT_COMPLETED, "battle " + battleId + " is " + battle.status().code()
                    + "; results exist once it is completed", Map.of("battle_id", battleId, "status", battle.status().code()));
        }
        List<FinalRanking> rankings = battle.finalRankings();
        FinalRanking winner = rankings.isEmpty() ? null : rankings.get(0);
        Map<String, PerformanceMetrics> statistics = statistics(battle);
        Map<String, BattleTradingReadModel.ClockPlay> clockPlay = trading.clockPlay(battleId);
        BaselineValue baseline = baselines.latest(battleId).orElse(null);
        return new ResultsResponse(battle.battleId(), battle.name(), battle.status().code(),
                battle.config().battleMode().code(), battle.config().rankingMetric().code(), battle.startedAt(),
                battle.completedAt(), rankings.stream().map(r -> RankingResponse.of(r, statistics.get(r.agentId()), baseline,
                        ClockPlayResponse.of(battle.config().agentsMoveTheClock(), clockPlay, r.agentId()))).toList(),
                winner == null ? null : winner.agentId(), winner == null ? null : winner.agentName(),
                battle.rankingsDigest(), UnrankedParticipant.of(battle), BaselineResponse.of(baseline));
    }

    /**
     * Standings of a running battle (historical or live): the one calculator's trackers as the
     * read model keeps them after each snapshot and fill (the same inputs the final ranking uses;
     * one row per participant, whatever the battle's length), ranked by the battle's metric with
     * {@code RankingRule}. Equity is each participant's
     * latest snapshot. {@code rankings} is the API reference's name; {@code participants} is the
     * same list under the name earlier clients read.
     */
    @GetMapping("/api/v1/battles/{battleId}/live")
    @Operation(summary = "Live standings of a running battle", description = "409 unless the battle is active or paused")
    public Map<String, Object> live(Caller caller, @PathVariable String battleId) {
        BattleDetail battle = battle(caller, battleId);
        if (!battle.status().isRunning()) {
            throw battle.status().refuse("watch_live");
        }
        var progress = trading.progress(caller.accountId(), battleId);
        boolean live = progress.map(BattleTradingReadModel.Progress::live).orElse(!battle.config().isHistorical());
        BattleStandings standings = standings(battle);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (var participant : battle.participants()) {
            names.put(participant.agentId(), participant.agentName());
            statuses.put(participant.agentId(), participant.status().code());
        }
        // historical battles measure time on their own clock; live ones on the wall clock
        Instant now = live ? clock.instant() : progress.map(BattleTradingReadModel.Progress::virtualTime).orElse(clock.instant());
        Instant began = live ? battle.startedAt() : battle.config().startTime();
        long elapsed = began == null ? 0 : Math.max(0, java.time.Duration.between(began, now).toSeconds());
        Map<String, BattleTradingReadModel.ClockPlay> clockPlay = trading.clockPlay(battleId);
        BaselineValue baseline = baselines.latest(battleId).orElse(null);
        List<Map<String, Object>> rankings = new java.util.ArrayList<>();
        for (var standing : standings.ranked()) {
            var m = standing.metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", standing.rank());
            row.put("agent_id", standing.agentId());
            row.put("agent_name", names.get(standing.agentId()));
            row.put("status", statuses.get(standing.agentId()));
            row.put("equity", Money.display(m.equity()));
            row.put("roi_pct", Money.plain(m.roiPct()));
            row.put("excess_roi_pct", Money.plain(BaselineValue.excessRoiPct(m.roiPct(), baseline)));
            row.put("total_pnl", Money.display(m.totalPnl()));
            row.put("trade_count", m.totalTrades());
            row.put("win_rate", Money.plain(m.winRate()));
            row.put("sharpe_ratio", Money.plain(m.sharpeRatio()));
            row.put("psr", Money.plain(m.psr()));
            row.put("dsr", Money.plain(m.dsr()));
            row.put("max_drawdown_pct", Money.plain(m.maxDrawdownPct()));
            row.put("eliminated_at", standing.eliminatedAt());
            row.put("elapsed_seconds", elapsed);
            row.put("clock", ClockPlayResponse.of(battle.config().agentsMoveTheClock(), clockPlay, standing.agentId()));
            rankings.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("battle_id", battleId);
        body.put("status", battle.status().code());
        body.put("battle_mode", battle.config().battleMode().code());
        body.put("ranking_metric", battle.config().rankingMetric().code());
        body.put("virtual_time", live ? null : progress.map(BattleTradingReadModel.Progress::virtualTime).orElse(null));
        body.put("step", progress.map(BattleTradingReadModel.Progress::step).orElse(null));
        body.put("elapsed_seconds", elapsed);
        body.put("rankings", rankings);
        body.put("participants", rankings);
        body.put("unranked", UnrankedParticipant.of(battle));
        body.put("baseline", BaselineResponse.of(baseline));
        return body;
    }

    @GetMapping("/api/v1/battles/{battleId}/audit")
    @Operation(summary = "Audit a battle from its event log",
            description = "Hash chain, rankings re-derived with the metrics calculator, orders re-simulated on the "
                    + "stored candles, candle fingerprint; verdict match or mismatch with the first divergence")
    public com.agentbattles.api.audit.BattleAuditService.AuditReport audit(Caller caller, @PathVariable String battleId) {
        caller.requireJwt();
        // the audit holds the stored read models (baseline snapshots, results) against the log: they
        // must have the battle's last event first, or a battle just stepped looks short of snapshots
        barrier.awaitAggregates(BATTLE_PROJECTIONS, battleId);
        return audits.audit(battleId, caller.accountId());
    }

    @GetMapping("/api/v1/battles/{battleId}/replay")
    @Operation(summary = "Equity snapshots, a page at a time", description = "limit 1..10000 (default 500), offset ≥ 0")
    public ReplayResponse replay(Caller caller, @PathVariable String battleId,
                                 @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        int pageLimit = limit == null ? DEFAULT_REPLAY_LIMIT : limit;
        int pageOffset = offset == null ? 0 : offset;
        if (pageLimit < 1 || pageLimit > MAX_REPLAY_LIMIT) {
            throw Decimals.invalid("limit", "must be between 1 and " + MAX_REPLAY_LIMIT);
        }
        if (pageOffset < 0) {
            throw Decimals.invalid("offset", "must not be negative");
        }
        BattleDetail battle = battle(caller, battleId);
        Map<String, String> names = new LinkedHashMap<>();
        battle.participants().forEach(p -> names.put(p.agentId(), p.agentName()));
        SnapshotPage page = trading.snapshots(caller.accountId(), battleId, pageLimit, pageOffset);
        Map<Long, BaselineValue> baselineBySteps = page.snapshots().isEmpty() ? Map.of()
                : baselines.snapshots(battleId, page.snapshots().get(0).step(),
                page.snapshots().get(page.snapshots().size() - 1).step());
        List<ReplaySnapshot> snapshots = page.snapshots().stream()
                .map(s -> snapshot(s, names, baselineBySteps.get(s.step()))).toList();
        return new ReplayResponse(battleId, snapshots, page.totalSnapshots(),
                pageOffset + snapshots.size() < page.totalSnapshots(), pageLimit, pageOffset, UnrankedParticipant.of(battle));
    }

    @GetMapping("/api/v1/backtest")
    @Operation(summary = "Backtest records", description = "Historical battles leave one per participant, labelled battle_{battle_id}")
    public Map<String, Object> backtests(Caller caller, @RequestParam(name = "strategy_label", required = false) String label,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) Integer offset) {
        barrier.awaitProjections();
        int pageLimit = limit == null ? 100 : limit;
        if (pageLimit < 1 || pageLimit > 500) {
            throw Decimals.invalid("limit", "must be between 1 and 500");
        }
        // psr and dsr come from each battle's snapshots: computed once per battle on the page
        Map<String, Map<String, PerformanceMetrics>> statisticsByBattle = new HashMap<>();
        Map<String, java.util.Optional<BaselineValue>> baselineByBattle = new HashMap<>();
        List<Map<String, Object>> sessions = trading.backtests(caller.accountId(), label, pageLimit,
                offset == null ? 0 : Math.max(0, offset)).stream()
                .map(session -> summary(session, statisticsByBattle.computeIfAbsent(session.battleId(),
                        battleId -> statistics(caller, battleId)).get(session.agentId()),
                        baselineByBattle.computeIfAbsent(session.battleId(), baselines::latest).orElse(null)))
                .toList();
        return Map.of("sessions", sessions);
    }

    @GetMapping("/api/v1/backtest/{sessionId}/results")
    @Operation(summary = "One agent's result in a historical battle")
    public Map<String, Object> backtestResults(Caller caller, @PathVariable String sessionId) {
        BacktestSession session = session(caller, sessionId);
        return summary(session, statistics(caller, session.battleId()).get(session.agentId()),
                baselines.latest(session.battleId()).orElse(null));
    }

    @GetMapping("/api/v1/backtest/{sessionId}/results/trades")
    @Operation(summary = "One agent's trade log in a historical battle", description = "limit ≤ 500, offset ≥ 0")
    public Map<String, Object> backtestTrades(Caller caller, @PathVariable String sessionId,
                                              @RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) Integer offset) {
        BacktestSession session = session(caller, sessionId);
        int pageLimit = limit == null ? 500 : limit;
        if (pageLimit < 1 || pageLimit > 500) {
            throw Decimals.invalid("limit", "must be between 1 and 500");
        }
        List<Trade> trades = trading.trades(caller.accountId(), session.battleId(), session.agentId(), pageLimit,
                offset == null ? 0 : Math.max(0, offset));
        return Map.of("session_id", sessionId, "trades", trades.stream().map(BattleResultsController::trade).toList());
    }

    @GetMapping("/api/v1/backtest/{sessionId}/results/equity-curve")
    @Operation(summary = "One agent's equity curve in a historical battle")
    public Map<String, Object> backtestEquityCurve(Caller caller, @PathVariable String sessionId) {
        BacktestSession session = session(caller, sessionId);
        List<Map<String, Object>> curve = trading.equityCurve(caller.accountId(), session.battleId(), session.agentId())
                .stream().map(p -> {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("step", p.step());
                    point.put("timestamp", p.virtualTime());
                    point.put("equity", Money.display(p.equity()));
                    point.put("roi_pct", Money.plain(p.roiPct()));
                    point.put("trade_count", p.tradeCount());
                    return point;
                }).toList();
        return Map.of("session_id", sessionId, "equity_curve", curve);
    }

    private BacktestSession session(Caller caller, String sessionId) {
        barrier.awaitProjections();
        return trading.backtest(caller.accountId(), sessionId)
                .orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_FOUND, "backtest session " + sessionId
                        + " not found", Map.of("session_id", sessionId)));
    }

    private static Map<String, Object> summary(BacktestSession session, PerformanceMetrics statistics,
                                               BaselineValue baseline) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", session.sessionId());
        body.put("strategy_label", session.strategyLabel());
        body.put("battle_id", session.battleId());
        body.put("agent_id", session.agentId());
        body.put("status", "completed");
        body.put("completed_at", session.completedAt());
        RankingResponse r = RankingResponse.of(session.ranking(), statistics, baseline, null);
        body.put("agent_name", r.agentName());
        body.put("rank", r.rank());
        body.put("starting_balance", r.startingBalance());
        body.put("final_equity", r.finalEquity());
        body.put("roi_pct", r.roiPct());
        body.put("excess_roi_pct", r.excessRoiPct());
        body.put("total_pnl", r.totalPnl());
        body.put("sharpe_ratio", r.sharpeRatio());
        body.put("psr", r.psr());
        body.put("dsr", r.dsr());
        body.put("max_drawdown_pct", r.maxDrawdownPct());
        body.put("win_rate", r.winRate());
        body.put("profit_factor", r.profitFactor());
        body.put("total_trades", r.totalTrades());
        body.put("baseline", BaselineResponse.of(baseline));
        return body;
    }

    private static Map<String, Object> trade(Trade t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trade_id", t.tradeId());
        body.put("order_id", t.orderId());
        body.put("symbol", t.symbol());
        body.put("side", t.side());
        body.put("type", t.type());
        body.put("quantity", Money.plain(t.quantity()));
        body.put("price", Money.plain(t.price()));
        body.put("slippage_pct", Money.plain(t.slippagePct()));
        body.put("fee", Money.display(t.fee()));
        body.put("total", Money.display(t.total()));
        body.put("realized_pnl", Money.display(t.realizedPnl()));
        body.put("step", t.step());
        body.put("executed_at", t.executedAt());
        return body;
    }

    private static ReplaySnapshot snapshot(Snapshot snapshot, Map<String, String> names, BaselineValue baseline) {
        Map<String, Map<String, Object>> participants = new LinkedHashMap<>();
        snapshot.participants().forEach((agentId, s) -> participants.put(agentId, entry(names.get(agentId), s)));
        return new ReplaySnapshot(snapshot.step(), snapshot.timestamp(), snapshot.virtualTime(), participants,
                baselinePoint(baseline));
    }

    private static Map<String, Object> entry(String name, AgentSnapshot s) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("agent_name", name);
        entry.put("equity", Money.display(s.equity()));
        entry.put("roi_pct", Money.plain(s.roiPct()));
        entry.put("trade_count", s.tradeCount());
        return entry;
    }

    /**
     * The standings by the one calculator over the read model's snapshots and fills, the inputs the
     * battle's own ranking is computed from, from the trackers kept per participant
     * ({@link BattleTradingReadModel#standings}); participants never provisioned are out.
     */
    private BattleStandings standings(BattleDetail battle) {
        return trading.standings(battle.battleId(), battle.config().rankingMetric(), battle.config().lossLimitPct() != null,
                battle.config().candleInterval().duration(),
                battle.participants().stream().filter(p -> p.status() != ParticipantStatus.NOT_PROVISIONED)
                        .map(p -> p.agentId()).toList(), battle.config().startingBalance(),
                Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Each participant's metrics by agent, recomputed at read time for the psr and dsr shown beside
     * a recorded ranking: they are not part of the FinalRanking that BattleStopped records and
     * its digest proves (docs/metrics.md "Where psr and dsr are computed").
     */
    private Map<String, PerformanceMetrics> statistics(BattleDetail battle) {
        Map<String, PerformanceMetrics> byAgent = new HashMap<>();
        standings(battle).ranked().forEach(standing -> byAgent.put(standing.agentId(), standing.metrics()));
        return byAgent;
    }

    /** As {@link #statistics(BattleDetail)}; none when the battle is no longer there. */
    private Map<String, PerformanceMetrics> statistics(Caller caller, String battleId) {
        return queries.query(new FindBattle(caller.accountId(), battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join().map(this::statistics).orElse(Map.of());
    }

    private BattleDetail battle(Caller caller, String battleId) {
        // the battle's own events in the two read models these answers come from; nothing else
        barrier.awaitAggregates(BATTLE_PROJECTIONS, battleId);
        return queries.query(new FindBattle(caller.accountId(), battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join()
                .orElseThrow(() -> BattleErrors.notFound(battleId));
    }
}
