package com.agentbattles.command.battle.core;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.metrics.BattleStandings;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.OrderDecision;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.agentbattles.engine.TradingRules;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trading state of a started battle: one sandbox and one performance tracker per
 * participant, the prices the agents have seen, the step reached. The battle's rules ask it to
 * decide (nothing changes); {@link BattleState#evolve} tells it what was decided.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TradingFloor {

    private BattleConfig config;
    private long step;
    private long totalSteps;
    private Instant virtualTime;
    private PriceBoard prices;
    /** In joining order, which breaks ranking ties. */
    private LinkedHashMap<String, Sandbox> sandboxes;
    /** The one ranking calculator, fed as the events arrive. */
    private BattleStandings standings;
    private LinkedHashMap<String, RiskConfig> risk;
    /** Live battles: how often participants are valued (the spacing of their equity curves). */
    private Duration snapshotInterval;

    private TradingFloor() {
        // for snapshots
    }

    static TradingFloor open(BattleStarted started) {
        TradingFloor floor = new TradingFloor();
        floor.config = started.config();
        floor.step = 0;
        floor.totalSteps = started.historical() == null ? 0 : started.historical().totalSteps();
        floor.virtualTime = started.historical() == null ? started.startedAt() : started.historical().startTime();
        floor.prices = new PriceBoard();
        floor.sandboxes = new LinkedHashMap<>();
        floor.risk = new LinkedHashMap<>();
        for (String agentId : started.agentIds()) {
            floor.risk.put(agentId, started.riskOf(agentId));
        }
        boolean survival = started.config().lossLimitPct() != null;
        if (started.historical() == null) {
            // live: each wallet arrives through the custody process (ParticipantWalletProvisioned)
            floor.snapshotInterval = started.snapshotInterval();
            floor.standings = new BattleStandings(started.config().rankingMetric(), survival, floor.snapshotInterval);
            return floor;
        }
        floor.standings = new BattleStandings(started.config().rankingMetric(), survival,
                started.config().candleInterval().duration());
        for (String agentId : started.agentIds()) {
            floor.sandboxes.put(agentId, new Sandbox(started.config().startingBalance()));
            floor.standings.join(agentId, started.config().startingBalance());
        }
        return floor;
    }

    public boolean hasWallet(String agentId) {
        return sandboxes.containsKey(agentId);
    }

    /** Symbols any participant holds, so a snapshot records a price for each. */
    public Set<String> heldSymbols() {
        Set<String> held = new java.util.TreeSet<>();
        sandboxes.values().forEach(sandbox -> sandbox.positions().forEach(p -> held.add(p.symbol())));
        return held;
    }

    public boolean pricedOn(String agentId, PriceBoard board) {
        return sandboxes.get(agentId).positions().stream().allMatch(p -> board.price(p.symbol()).isPresent());
    }

    public WalletHoldings holdings(String agentId) {
        return sandboxes.get(agentId).holdings();
    }

    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public Instant virtualTime() {
        return virtualTime;
    }

    public boolean complete() {
        return totalSteps > 0 && step >= totalSteps;
    }

    public Instant timeAfter(long steps) {
        return virtualTime.plus(config.candleInterval().duration().multipliedBy(steps));
    }

    public PriceBoard prices() {
        return prices;
    }

    public Set<String> agentIds() {
        return sandboxes.keySet();
    }

    // ---- decisions ----

    OrderDecision decide(String agentId, OrderRequest request, Instant now) {
        return decide(agentId, request, prices, now);
    }

    OrderDecision decide(String agentId, OrderRequest request, PriceBoard board, Instant now) {
        return sandboxes.get(agentId).decide(request, rules(agentId), board, now);
    }

    /** What one live price update does to an agent's resting orders. */
    List<Execution> executionsOn(String agentId, Quote tick) {
        Sandbox sandbox = sandboxes.get(agentId);
        if (sandbox == null || sandbox.openOrders().isEmpty()) {
            return List.of();
        }
        return sandbox.executionsOn(tick, rules(agentId));
    }

    /**
     * What a step's candles do to one agent's resting orders, in candle (pair) order: fills, and
     * triggered buys that gapped beyond what the agent can pay (cancelled).
     */
    List<Execution> executionsOn(String agentId, List<Candle> candles) {
        Sandbox sandbox = sandboxes.get(agentId);
        if (sandbox.openOrders().isEmpty()) {
            return List.of();
        }
        List<Execution> executions = new ArrayList<>();
        for (Candle candle : candles) {
            executions.addAll(sandbox.executionsOn(candle, rules(agentId)));
        }
        return executions;
    }

    public List<RestingOrder> openOrders(String agentId) {
        Sandbox sandbox = sandboxes.get(agentId);
        return sandbox == null ? List.of() : sandbox.openOrders();
    }

    List<Fill> closeOut(String agentId, Instant now) {
        Sandbox sandbox = sandboxes.get(agentId);
        return sandbox == null ? List.of() : sandbox.closeOut(prices, rules(agentId), now);
    }

    /** Equity of the given agents at the prices of {@code board}, with the agents' state as it is now. */
    public List<Valuation> valuations(PriceBoard board, List<String> agentIds) {
        List<Valuation> valuations = new ArrayList<>(agentIds.size());
        for (String agentId : agentIds) {
            Sandbox sandbox = sandboxes.get(agentId);
            if (sandbox == null) {
                continue; // a live participant whose wallet has not arrived yet
            }
            valuations.add(new Valuation(agentId, sandbox.equity(board), sandbox.cash().add(sandbox.lockedCash()),
                    sandbox.fills().size()));
        }
        return valuations;
    }

    /** The final ranking by the battle's metric, with everyone valued at the latest prices. */
    List<FinalRanking> rankings(Map<String, String> names) {
        PriceBoard board = pricedAtLeastAtCost();
        List<BattleStandings.Standing> ranked = standings.ranked(agentId -> sandboxes.get(agentId).equity(board));
        List<FinalRanking> rankings = new ArrayList<>(ranked.size());
        for (BattleStandings.Standing standing : ranked) {
            PerformanceMetrics m = standing.metrics();
            rankings.add(new FinalRanking(standing.rank(), standing.agentId(), names.get(standing.agentId()),
                    config.startingBalance(), m.equity(), m.roiPct(), m.totalPnl(), m.sharpeRatio(), m.maxDrawdownPct(),
                    m.winRate(), m.profitFactor(), m.totalTrades(), standing.eliminatedAt()));
        }
        return rankings;
    }

    /**
     * The prices seen, plus the average entry price of any holding nobody ever recorded a price
     * for (an existing-mode wallet's coin outside the feed): ranked at cost rather than not at
     * all. Historical and fresh wallets only hold what they bought at a recorded price.
     */
    private PriceBoard pricedAtLeastAtCost() {
        PriceBoard board = null;
        for (Sandbox sandbox : sandboxes.values()) {
            for (com.agentbattles.engine.Position position : sandbox.positions()) {
                if (prices.price(position.symbol()).isEmpty()) {
                    board = board == null ? prices.copy() : board;
                    board.update(new Quote(position.symbol(), position.avgEntryPrice(), null, virtualTime));
                }
            }
        }
        return board == null ? prices : board;
    }

    // ---- changes ----

    void placed(String agentId, RestingOrder order) {
        sandboxes.get(agentId).placed(order);
    }

    void filled(String agentId, Fill fill) {
        sandboxes.get(agentId).filled(fill);
        standings.filled(agentId, fill.realizedPnl());
    }

    void eliminated(String agentId, Instant at) {
        standings.eliminated(agentId, at);
    }

    void cancelled(String agentId, String orderId) {
        sandboxes.get(agentId).cancelled(orderId);
    }

    /**
     * A live participant's wallet arrived. A fresh wallet is measured against the battle's starting
     * balance; an existing wallet against what it held at cost when it entered (no price was
     * recorded for it before the battle, so its cost basis is the only value the log supports).
     */
    void provisioned(String agentId, WalletHoldings holdings, boolean fresh) {
        sandboxes.put(agentId, Sandbox.holding(holdings));
        standings.join(agentId, fresh ? config.startingBalance() : holdings.valueAtCost());
    }

    void snapshotTaken(LiveSnapshotTaken event) {
        step = event.sequence();
        virtualTime = event.takenAt();
        event.prices().forEach(prices::update);
        for (Valuation valuation : event.valuations()) {
            standings.valued(valuation.agentId(), event.takenAt(), valuation.equity());
            sandboxes.get(valuation.agentId()).dayMarked(event.takenAt(), valuation.equity());
        }
    }

    void stepped(BattleStepped event) {
        step = event.step();
        virtualTime = event.virtualTime();
        for (Candle candle : event.candles()) {
            prices.update(candle);
        }
        for (Valuation valuation : event.valuations()) {
            standings.valued(valuation.agentId(), event.virtualTime(), valuation.equity());
            sandboxes.get(valuation.agentId()).dayMarked(event.virtualTime(), valuation.equity());
        }
    }

    private TradingRules rules(String agentId) {
        return new TradingRules(config.pairs(), config.fees(), risk.get(agentId));
    }
}
