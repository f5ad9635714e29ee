package com.agentbattles.api.ws;

import com.agentbattles.api.battle.BattleResultsController;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.domain.metrics.BattleStandings;
import com.agentbattles.engine.BuyAndHold;
import com.agentbattles.query.battle.BuyAndHoldReadModel;
import com.agentbattles.query.battle.BattleTradingReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes {@code battle:update} on every equity snapshot and {@code battle:trade} on every fill.
 * Same processor as {@link BattleStatusPush}: starts at the head of the log, never replays.
 *
 * <p>Pushing costs no query per message: the standings of each running battle are kept here in
 * memory, fed by the same events and the same calculator ({@link BattleStandings}) as
 * {@code GET /live}, and agent names are cached from the roster events. Only a battle first met
 * in the middle (this node started while it ran) is seeded once from the read model; that seed
 * is as complete as the read model is at that moment, so until the battle ends a push may rank
 * sharpe or win rate on a shorter history than {@code /live} (which is always recomputed whole).
 *
 * <p>Historical battles: a {@code step/batch} of 1,000 steps is 1,000 snapshots in one command;
 * their {@code battle:update} is coalesced to the last step each battle reached in a processor
 * batch (at least one per request), while every fill is still pushed.
 */
@Component
@ProcessingGroup(PushProcessors.WEBSOCKET_PUSH)
class BattleTradingPush {

    private static final Logger log = LoggerFactory.getLogger(BattleTradingPush.class);

    /** What this node knows of a running battle. */
    private static final class Tracked {
        final BattleStandings standings;
        final boolean existingWallets;
        final Map<String, String> names;

        /** The battle's config (null while its read model is not there), when the step opened, and what closes it. */
        final BattleConfig config;
        volatile Instant stepOpenedAt;
        volatile Instant stepClosingAt;
        final Map<String, java.math.BigDecimal> prices = new ConcurrentHashMap<>();
        /** The buy-and-hold baseline, folded from the same events; null while the battle's config is not known. */
        final BuyAndHold baseline;

        Tracked(BattleStandings standings, boolean existingWallets, Map<String, String> names, BattleConfig config,
                Instant startedAt, BuyAndHold baseline) {
            this.baseline = baseline;
            this.standings = standings;
            this.existingWallets = existingWallets;
            this.names = names;
            this.config = config;
            this.stepOpenedAt = startedAt;
        }
    }

    private final ObjectProvider<BattleFeed> feed;
    private final QueryGateway queries;
    private final BattleTradingReadModel readModel;
    private final BuyAndHoldReadModel baselines;
    /** Rosters of battles not started yet: names as they joined. */
    private final Map<String, Map<String, String>> rosters = new ConcurrentHashMap<>();
    private final Map<String, Tracked> running = new ConcurrentHashMap<>();

    BattleTradingPush(ObjectProvider<BattleFeed> feed, QueryGateway queries, BattleTradingReadModel readModel,
                      BuyAndHoldReadModel baselines) {
        this.baselines = baselines;
        this.feed = feed;
        this.queries = queries;
        this.readModel = readModel;
    }

    // ---- rosters and lifecycle ----

    @EventHandler
    @DisallowReplay
    void on(ParticipantAdded event) {
        rosters.computeIfAbsent(event.battleId(), id -> new ConcurrentHashMap<>()).put(event.agentId(), event.agentName());
    }

    @EventHandler
    @DisallowReplay
    void on(ParticipantRemoved event) {
        Map<String, String> roster = rosters.get(event.battleId());
        if (roster != null) {
            roster.remove(event.agentId());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(BattleStarted event) {
        Map<String, String> roster = rosters.remove(event.battleId());
        boolean live = event.historical() == null;
        BattleStandings standings = new BattleStandings(event.config().rankingMetric(),
                event.config().lossLimitPct() != null,
                live ? event.snapshotInterval() : event.config().candleInterval().duration());
        for (int i = 0; i < event.agentIds().size(); i++) {
            standings.join(event.agentIds().get(i), i, event.config().startingBalance());
        }
        running.put(event.battleId(), new Tracked(standings, live && event.config().walletMode() == WalletMode.EXISTING,
                roster == null ? Map.of() : Map.copyOf(roster),
                event.config(), event.startedAt(), BuyAndHold.of(event.config())));
    }

    @EventHandler
    @DisallowReplay
    void on(com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            tracked.stepClosingAt = event.readyAt();
        }
    }

    @EventHandler
    @DisallowReplay
    void on(com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            tracked.stepClosingAt = event.timedOutAt();
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ParticipantWalletProvisioned event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null && tracked.existingWallets) {
            tracked.standings.rebase(event.agentId(), event.holdings().valueAtCost());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            tracked.standings.withdraw(event.agentId());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ParticipantEliminated event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            tracked.standings.eliminated(event.agentId(), event.eliminatedAt());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(BattleStopped event) {
        forget(event.battleId());
    }

    @EventHandler
    @DisallowReplay
    void on(BattleCancelled event) {
        forget(event.battleId());
    }

    @EventHandler
    @DisallowReplay
    void on(BattleDeleted event) {
        forget(event.battleId());
    }

    private void forget(String battleId) {
        rosters.remove(battleId);
        running.remove(battleId);
    }

    // ---- snapshots and fills ----

    @EventHandler
    @DisallowReplay
    void on(LiveSnapshotTaken event, TrackingToken token) {
        Tracked tracked = tracked(event.battleId(), event.accountId(), event.sequence(), token);
        feedValuations(tracked, event.valuations(), event.takenAt());
        foldBaseline(tracked, event);
        publish(event.battleId(), BattleFeed.UPDATE,
                update(event.battleId(), tracked, event.valuations(), event.takenAt(), event.sequence(), null));
    }

    @EventHandler
    @DisallowReplay
    void on(BattleStepped event, TrackingToken token) {
        Tracked tracked = tracked(event.battleId(), event.accountId(), event.step(), token);
        feedValuations(tracked, event.valuations(), event.virtualTime());
        foldBaseline(tracked, event);
        pushStepToAgents(event, tracked);
        if (!CurrentUnitOfWork.isStarted()) {
            publish(event.battleId(), BattleFeed.UPDATE, update(event.battleId(), tracked, event.valuations(),
                    event.virtualTime(), event.step(), event.virtualTime()));
            return;
        }
        // coalesced: the last step of each battle in this processor batch, pushed once it is processed
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        @SuppressWarnings("unchecked")
        Map<String, BattleStepped> latest = (Map<String, BattleStepped>) unitOfWork.resources().computeIfAbsent(
                BattleTradingPush.class.getName() + "#steps", key -> {
                    Map<String, BattleStepped> steps = new LinkedHashMap<>();
                    unitOfWork.afterCommit(u -> steps.values().forEach(this::pushStep));
                    return steps;
                });
        latest.put(event.battleId(), event);
    }

    /**
     * Every step, not coalesced: each agent subscribed with its own key learns that a step opened,
     * with the candles, prices, the step's deadline and its own portfolio (equity, cash, fills).
     */
    private void pushStepToAgents(BattleStepped event, Tracked tracked) {
        event.candles().forEach(candle -> tracked.prices.put(candle.symbol(), candle.close()));
        if (tracked.stepClosingAt != null) {
            tracked.stepOpenedAt = tracked.stepClosingAt;
            tracked.stepClosingAt = null;
        }
        BattleFeed target = feed.getIfAvailable();
        if (target == null) {
            return;
        }
        boolean last = event.step() >= event.totalSteps();
        Instant deadline = tracked.config == null || last ? null : tracked.config.stepDeadline(tracked.stepOpenedAt);
        List<Map<String, Object>> candles = event.candles().stream().map(c -> {
            Map<String, Object> candle = new LinkedHashMap<>();
            candle.put("symbol", c.symbol());
            candle.put("open_time", c.openTime().toString());
            candle.put("close_time", c.closeTime().toString());
            candle.put("open", Money.plain(c.open()));
            candle.put("high", Money.plain(c.high()));
            candle.put("low", Money.plain(c.low()));
            candle.put("close", Money.plain(c.close()));
            candle.put("volume", Money.plain(c.volume()));
            return candle;
        }).toList();
        Map<String, Object> prices = new java.util.TreeMap<>();
        tracked.prices.forEach((symbol, price) -> prices.put(symbol, Money.plain(price)));
        Map<String, Valuation> byAgent = new LinkedHashMap<>();
        event.valuations().forEach(v -> byAgent.put(v.agentId(), v));
        target.publishToAgents(event.battleId(), BattleFeed.STEP, agentId -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("battle_id", event.battleId());
            data.put("step", event.step());
            data.put("total_steps", event.totalSteps());
            data.put("virtual_time", event.virtualTime().toString());
            data.put("is_complete", last);
            data.put("candles", candles);
            data.put("prices", prices);
            data.put("step_deadline", deadline == null ? null : deadline.toString());
            Valuation own = byAgent.get(agentId);
            Map<String, Object> portfolio = null;
            if (own != null) {
                portfolio = new LinkedHashMap<>();
                portfolio.put("equity", Money.display(own.equity()));
                portfolio.put("cash", Money.display(own.cash()));
                portfolio.put("trade_count", own.tradeCount());
            }
            data.put("portfolio", portfolio);
            return data;
        });
    }

    private void pushStep(BattleStepped event) {
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            publish(event.battleId(), BattleFeed.UPDATE, update(event.battleId(), tracked, event.valuations(),
                    event.virtualTime(), event.step(), event.virtualTime()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(OrderFilled event) {
        Fill fill = event.fill();
        Tracked tracked = running.get(event.battleId());
        if (tracked != null) {
            tracked.standings.filled(event.agentId(), fill.realizedPnl());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("battle_id", event.battleId());
        data.put("agent_id", event.agentId());
        if (tracked != null && tracked.names.containsKey(event.agentId())) {
            data.put("agent_name", tracked.names.get(event.agentId()));
        }
        data.put("order_id", fill.orderId());
        data.put("symbol", fill.symbol());
        data.put("side", fill.side().code());
        data.put("type", fill.type().code());
        data.put("quantity", Money.plain(fill.quantity()));
        data.put("price", Money.plain(fill.price()));
        data.put("fee", Money.display(fill.fee()));
        data.put("total", Money.display(fill.total()));
        data.put("realized_pnl", Money.display(fill.realizedPnl()));
        data.put("step", event.step());
        data.put("rationale", event.rationale());
        data.put("executed_at", fill.executedAt().toString());
        data.put("timestamp", fill.executedAt().toString());
        BattleFeed target = feed.getIfAvailable();
        if (target != null) {
            target.publishAbout(event.battleId(), event.agentId(), BattleFeed.TRADE, data);
        }
    }

    private static void foldBaseline(Tracked tracked, Object snapshot) {
        if (tracked.baseline != null) {
            tracked.baseline.apply(snapshot);
        }
    }

    private static void feedValuations(Tracked tracked, List<Valuation> valuations, Instant at) {
        for (Valuation valuation : valuations) {
            tracked.standings.valued(valuation.agentId(), at, valuation.equity());
        }
    }

    /** Everyone ranked, best first; {@code valued} says who this snapshot valued (the others keep their last equity). */
    private static Map<String, Object> update(String battleId, Tracked tracked, List<Valuation> valuations,
                                              Instant timestamp, long step, Instant virtualTime) {
        Map<String, Long> fills = new LinkedHashMap<>();
        valuations.forEach(v -> fills.put(v.agentId(), v.tradeCount()));
        List<Map<String, Object>> participants = new ArrayList<>();
        BaselineValue baseline = tracked.baseline == null ? null : tracked.baseline.value();
        for (BattleStandings.Standing standing : tracked.standings.ranked()) {
            PerformanceMetrics m = standing.metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", standing.rank());
            row.put("agent_id", standing.agentId());
            row.put("agent_name", tracked.names.get(standing.agentId()));
            row.put("equity", Money.display(m.equity()));
            row.put("roi_pct", Money.plain(m.roiPct()));
            row.put("excess_roi_pct", Money.plain(BaselineValue.excessRoiPct(m.roiPct(), baseline)));
            row.put("total_pnl", Money.display(m.totalPnl()));
            row.put("trade_count", m.totalTrades());
            row.put("psr", Money.plain(m.psr()));
            row.put("dsr", Money.plain(m.dsr()));
            row.put("valued", fills.containsKey(standing.agentId()));
            participants.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("battle_id", battleId);
        data.put("timestamp", timestamp.toString());
        data.put("step", step);
        data.put("virtual_time", virtualTime == null ? null : virtualTime.toString());
        data.put("participants", participants);
        data.put("baseline", BattleResultsController.baselinePoint(baseline));
        return data;
    }

    /**
     * The battle's standings; a battle first met mid-way is seeded from the read model with the
     * snapshots before this one and the fills logged before this event.
     */
    private Tracked tracked(String battleId, String accountId, long step, TrackingToken token) {
        Tracked known = running.get(battleId);
        if (known != null) {
            return known;
        }
        Tracked seeded = seed(battleId, accountId, step, token == null ? Long.MAX_VALUE
                : token.position().orElse(Long.MAX_VALUE));
        running.put(battleId, seeded);
        return seeded;
    }

    private Tracked seed(String battleId, String accountId, long step, long position) {
        BattleDetail battle = null;
        try {
            battle = queries.query(new FindBattle(accountId, battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                    .join().orElse(null);
        } catch (RuntimeException e) {
            log.warn("Cannot seed the standings of battle {} for pushes: {}", battleId, e.getMessage());
        }
        if (battle == null) {
            // the battle's read model is not there yet: rank on what this node sees from here on
            BattleStandings standings = new BattleStandings(com.agentbattles.domain.battle.RankingMetric.ROI_PCT, false,
                    java.time.Duration.ofSeconds(5));
            return new Tracked(standings, false, Map.of(), null, null, null);
        }
        Map<String, String> names = new LinkedHashMap<>();
        battle.participants().forEach(p -> names.put(p.agentId(), p.agentName()));
        BattleStandings standings = readModel.standings(battleId, battle.config().rankingMetric(),
                battle.config().lossLimitPct() != null, battle.config().candleInterval().duration(),
                List.copyOf(names.keySet()), battle.config().startingBalance(), step, position);
        // a node that joins mid-battle takes the step's opening from the read model (it may lag: then no deadline)
        Instant opened = battle.config().agentsMoveTheClock() ? readModel.openStep(battleId, step).openedAt() : null;
        // the baseline goes on from the read model's fold; one already past this snapshot ignores it (it never rewinds)
        BattleConfig config = battle.config();
        BuyAndHold baseline = config.pairs().isEmpty() ? null
                : baselines.state(battleId).orElseGet(() -> BuyAndHold.of(config));
        return new Tracked(standings, battle.config().walletMode() == WalletMode.EXISTING, names, battle.config(), opened,
                baseline);
    }

    private void publish(String battleId, String type, Map<String, Object> data) {
        BattleFeed target = feed.getIfAvailable();
        if (target != null) {
            target.publish(battleId, type, data);
        }
    }
}
