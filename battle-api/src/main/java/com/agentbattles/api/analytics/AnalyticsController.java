package com.agentbattles.api.analytics;

import com.agentbattles.api.analytics.OwnWalletAnalytics.Performance;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingAgents;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.ListRankableAgents;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.metrics.TradeStatistics;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.query.wallet.OwnWalletCurve;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletHistoryProjection;
import com.agentbattles.query.wallet.OwnWalletHistoryReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Analytics of agents' own wallets over their current session: the equity history, the
 * performance of a period, and a leaderboard of the caller's agents and the published ones.
 * Everything from the event log (the own-wallet history projection) and the candle store, by
 * the one metrics calculator. docs/metrics.md "Own wallets".
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics", description = "The own wallet's history, performance and leaderboard")
public class AnalyticsController {

    static final int DEFAULT_HISTORY_LIMIT = 100;
    static final int MAX_HISTORY_LIMIT = 1000;
    static final int DEFAULT_LEADERBOARD_LIMIT = 20;
    static final int MAX_LEADERBOARD_LIMIT = 100;
    private static final List<String> HISTORY = List.of(OwnWalletHistoryProjection.NAME);

    private final TradingAgents agents;
    private final OwnWalletHistoryReadModel history;
    private final CandleStore candles;
    private final ReadModelBarrier barrier;
    private final QueryGateway queries;
    private final Clock clock;

    public AnalyticsController(TradingAgents agents, OwnWalletHistoryReadModel history, CandleStore candles,
                               ReadModelBarrier barrier, QueryGateway queries, Clock clock) {
        this.agents = agents;
        this.history = history;
        this.candles = candles;
        this.barrier = barrier;
        this.queries = queries;
        this.clock = clock;
    }

    record Snapshot(Instant time, BigDecimal totalEquity, BigDecimal unrealizedPnl, BigDecimal realizedPnl) {
    }

    record History(String agentId, String interval, Instant sessionStartedAt, List<Snapshot> snapshots) {
    }

    /**
     * Every metric is a number, as the seed platform's SDK parses them; one that is undefined
     * answers 0 and is named in {@code undefined}.
     */
    record PerformanceResponse(String period, BigDecimal sharpeRatio, BigDecimal sortinoRatio,
                               BigDecimal maxDrawdownPct, long maxDrawdownDurationDays, BigDecimal winRate,
                               BigDecimal profitFactor, BigDecimal avgWin, BigDecimal avgLoss, long totalTrades,
                               BigDecimal avgTradesPerDay, BigDecimal bestTrade, BigDecimal worstTrade,
                               long currentStreak, BigDecimal roiPct, BigDecimal totalPnl, Instant from, Instant to,
                               List<String> undefined) {
    }

    record Ranking(int rank, String accountId, String agentId, String displayName, BigDecimal roiPct,
                   BigDecimal sharpeRatio, long totalTrades, BigDecimal winRate) {
    }

    record Leaderboard(String period, List<Ranking> rankings) {
    }

    @GetMapping("/portfolio/history")
    @Operation(summary = "The own wallet's equity at every interval boundary of the current session, oldest first",
            description = "interval 5m, 1h (default) or 1d; limit 1..1000 (default 100): the latest snapshots. "
                    + "The first is the session start (while within the limit), the last is now.")
    public History portfolioHistory(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                                    @RequestParam(required = false) String interval,
                                    @RequestParam(required = false) String limit) {
        java.time.Duration step = OwnWalletAnalytics.interval(interval);
        int max = bounded("limit", limit, DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
        AgentView agent = agents.resolve(caller, agentIdHeader);
        OwnWalletCurve curve = curve(agent.agentId(), OwnWalletAnalytics.closes(candles));
        List<Snapshot> snapshots = OwnWalletAnalytics.history(curve, step, max, clock.instant()).stream()
                .map(p -> new Snapshot(p.time(), Money.display(p.totalEquity()), Money.display(p.unrealizedPnl()),
                        Money.display(p.realizedPnl())))
                .toList();
        return new History(agent.agentId(), interval == null ? "1h" : interval.strip().toLowerCase(java.util.Locale.ROOT),
                curve.sessionStart(), snapshots);
    }

    @GetMapping("/performance")
    @Operation(summary = "The own wallet's performance over a period of the current session",
            description = "period 1d, 7d, 30d or all (default). Undefined metrics answer 0 and are listed in `undefined`.")
    public PerformanceResponse performance(Caller caller,
                                           @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                                           @RequestParam(required = false) String period) {
        String wanted = OwnWalletAnalytics.period(period);
        AgentView agent = agents.resolve(caller, agentIdHeader);
        Instant now = clock.instant();
        Performance p = OwnWalletAnalytics.performance(curve(agent.agentId(), OwnWalletAnalytics.closes(candles)),
                wanted, now);
        PerformanceMetrics m = p.metrics();
        TradeStatistics s = p.trades();
        List<String> undefined = new ArrayList<>();
        return new PerformanceResponse(wanted,
                orZero("sharpe_ratio", m.sharpeRatio(), undefined),
                orZero("sortino_ratio", m.sortinoRatio(), undefined),
                Money.plain(m.maxDrawdownPct()),
                s.maxDrawdownDurationDays(),
                orZero("win_rate", m.winRate(), undefined),
                orZero("profit_factor", m.profitFactor(), undefined),
                orZero("avg_win", s.avgWin(), undefined),
                orZero("avg_loss", s.avgLoss(), undefined),
                m.totalTrades(),
                orZero("avg_trades_per_day", s.avgTradesPerDay(), undefined),
                orZero("best_trade", s.bestTrade(), undefined),
                orZero("worst_trade", s.worstTrade(), undefined),
                s.currentStreak(),
                Money.plain(m.roiPct()), Money.display(m.totalPnl()), p.from(), now, List.copyOf(undefined));
    }

    @GetMapping("/leaderboard")
    @Operation(summary = "The caller's agents and the published ones, ranked by roi_pct over a period",
            description = "period 1d, 7d, 30d or all (default); limit 1..100 (default 20). Equal roi_pct share a rank.")
    public Leaderboard leaderboard(Caller caller, @RequestParam(required = false) String period,
                                   @RequestParam(required = false) String limit) {
        String wanted = OwnWalletAnalytics.period(period);
        int max = bounded("limit", limit, DEFAULT_LEADERBOARD_LIMIT, MAX_LEADERBOARD_LIMIT);
        barrier.awaitProjections();
        List<AgentView> rankable = queries.query(new ListRankableAgents(caller.accountId()),
                ResponseTypes.multipleInstancesOf(AgentView.class)).join();
        Instant now = clock.instant();
        MarketCloses closes = OwnWalletAnalytics.closes(candles);
        record Row(AgentView agent, PerformanceMetrics metrics) {
        }
        List<Row> rows = new ArrayList<>();
        for (AgentView agent : rankable) {
            history.currentSession(agent.agentId(), closes).ifPresent(curve -> rows.add(new Row(agent,
                    OwnWalletAnalytics.performance(curve, wanted, now).metrics())));
        }
        // best roi first; equal roi share a rank and are listed by agent id
        rows.sort(Comparator.comparing((Row r) -> r.metrics().roiPct()).reversed()
                .thenComparing(r -> r.agent().agentId()));
        List<Ranking> rankings = new ArrayList<>();
        for (int i = 0; i < rows.size() && i < max; i++) {
            Row row = rows.get(i);
            int rank = i > 0 && rows.get(i - 1).metrics().roiPct().compareTo(row.metrics().roiPct()) == 0
                    ? rankings.get(i - 1).rank() : i + 1;
            PerformanceMetrics m = row.metrics();
            rankings.add(new Ranking(rank, row.agent().accountId(), row.agent().agentId(), row.agent().name(),
                    Money.plain(m.roiPct()), zero(m.sharpeRatio()), m.totalTrades(), zero(m.winRate())));
        }
        return new Leaderboard(wanted, rankings);
    }

    private OwnWalletCurve curve(String agentId, MarketCloses closes) {
        barrier.awaitAggregates(HISTORY, agentId);
        return history.currentSession(agentId, closes).orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND,
                "agent " + agentId + " not found", Map.of("agent_id", agentId)));
    }

    private static BigDecimal orZero(String field, BigDecimal value, List<String> undefined) {
        if (value == null) {
            undefined.add(field);
        }
        return zero(value);
    }

    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : Money.plain(value);
    }

    private static int bounded(String field, String raw, int fallback, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw Decimals.invalid(field, "must be a whole number between 1 and " + max);
        }
        if (value < 1 || value > max) {
            throw Decimals.invalid(field, "must be between 1 and " + max);
        }
        return value;
    }
}
