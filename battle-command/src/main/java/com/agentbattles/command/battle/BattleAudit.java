package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.OrderDecision;
import com.agentbattles.engine.Sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a battle's recorded result two ways, both from its event log. For a historical battle:
 * <ul>
 *   <li><b>re-derivation</b>: fold the recorded events into fresh sandboxes and trackers and rank
 *   again with the one calculator; the digest must equal the one the stop event recorded;</li>
 *   <li><b>re-simulation</b>: take only the agents' inputs from the log (each order with the step
 *   it was sent at, cancels, pauses) and run them again through sandbox-engine on the candles of
 *   the candle store; every fill, cancellation, step and valuation must come out as recorded,
 *   or the first difference is reported.</li>
 * </ul>
 * A live battle's market cannot be replayed, so its second check re-values each recorded
 * snapshot: the wallets as the earlier events left them, at the prices the snapshot recorded,
 * must be worth exactly what it says.
 */
public final class BattleAudit {

    /** One event as read from the store: its sequence in the battle's stream and its payload. */
    public record LoggedEvent(long sequence, Object payload) {
    }

    /** Where the re-simulation first disagreed with the log. */
    public record Divergence(long sequence, String event, String recorded, String resimulated) {
    }

    /**
     * @param rederivedDigest   digest of the rankings re-derived from the recorded events
     * @param resimulatedDigest digest of the rankings the re-simulation ended with; null if it diverged first
     */
    public record Report(String battleId, boolean historical, boolean completed, long eventsRead, String recordedDigest,
                         String rederivedDigest, boolean rederivationMatches, String resimulatedDigest,
                         boolean resimulationMatches, Divergence firstDivergence) {

        public boolean matches() {
            return completed ? rederivationMatches && resimulationMatches : resimulationMatches;
        }
    }

    private BattleAudit() {
    }

    public static Report audit(String battleId, List<LoggedEvent> log, BattleCandles candles) {
        String recordedDigest = null;
        String rederivedDigest = null;
        boolean completed = false;
        boolean historical = false;
        boolean started = false;
        boolean fresh = true;
        Divergence liveDivergence = null;
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, java.time.Instant> eliminatedAt = new LinkedHashMap<>();
        TradingFloor recorded = null;
        for (LoggedEvent logged : log) {
            Object event = logged.payload();
            if (event instanceof ParticipantAdded added) {
                names.put(added.agentId(), added.agentName());
            } else if (event instanceof ParticipantRemoved removed) {
                names.remove(removed.agentId());
            } else if (event instanceof BattleStarted start) {
                started = true;
                historical = start.historical() != null;
                fresh = start.config().walletMode() != com.agentbattles.domain.battle.WalletMode.EXISTING;
                recorded = TradingFloor.open(start);
            } else if (event instanceof ParticipantEliminated eliminated) {
                eliminatedAt.put(eliminated.agentId(), eliminated.eliminatedAt());
            } else if (recorded != null) {
                if (event instanceof BattleStopped stopped) {
                    completed = true;
                    recordedDigest = stopped.rankingsDigest();
                    rederivedDigest = FinalRanking.digest(recorded.rankings(names, eliminatedAt));
                } else if (event instanceof ParticipantWalletProvisioned provisioned) {
                    recorded.provisioned(provisioned.agentId(), provisioned.holdings(), fresh);
                } else if (event instanceof LiveSnapshotTaken snapshot) {
                    if (liveDivergence == null) {
                        liveDivergence = revalue(recorded, logged, snapshot);
                    }
                    recorded.snapshotTaken(snapshot);
                } else {
                    fold(recorded, event);
                }
            }
        }
        if (!started) {
            return new Report(battleId, false, completed, log.size(), recordedDigest, null, false, null, false,
                    new Divergence(-1, "BattleStarted", "a started battle", "a battle that never started"));
        }
        if (!historical) {
            // a live market cannot be replayed: the second check re-values every snapshot instead
            return new Report(battleId, false, completed, log.size(), recordedDigest, rederivedDigest,
                    completed && Objects.equals(recordedDigest, rederivedDigest),
                    liveDivergence == null ? rederivedDigest : null, liveDivergence == null, liveDivergence);
        }
        Resimulation resimulation = new Resimulation(candles, names);
        Divergence divergence = resimulation.run(log);
        return new Report(battleId, true, completed, log.size(), recordedDigest, rederivedDigest,
                completed && Objects.equals(recordedDigest, rederivedDigest),
                divergence == null ? resimulation.digest : null,
                divergence == null && (!completed || Objects.equals(recordedDigest, resimulation.digest)),
                divergence);
    }

    /**
     * A live snapshot must say what the wallets, as the events before it left them, were worth
     * at the prices it recorded: equity, cash and trade count of every valuation.
     */
    private static Divergence revalue(TradingFloor floor, LoggedEvent logged, LiveSnapshotTaken snapshot) {
        PriceBoard board = floor.prices().copy();
        snapshot.prices().forEach(board::update);
        List<String> agents = snapshot.valuations().stream().map(Valuation::agentId).toList();
        for (String agentId : agents) {
            if (!floor.hasWallet(agentId)) {
                return new Divergence(logged.sequence(), "LiveSnapshotTaken", "a valuation of " + agentId,
                        "no wallet was provisioned for " + agentId);
            }
        }
        List<Valuation> revalued = floor.valuations(board, agents);
        for (int i = 0; i < agents.size(); i++) {
            Valuation recordedValue = snapshot.valuations().get(i);
            Valuation again = revalued.get(i);
            if (recordedValue.equity().compareTo(again.equity()) != 0 || recordedValue.cash().compareTo(again.cash()) != 0
                    || recordedValue.tradeCount() != again.tradeCount()) {
                return new Divergence(logged.sequence(), "LiveSnapshotTaken", recordedValue.toString(), again.toString());
            }
        }
        return null;
    }

    /** The same state changes as the aggregate's event-sourcing handlers. */
    private static void fold(TradingFloor floor, Object event) {
        if (event instanceof BattleStepped stepped) {
            floor.stepped(stepped);
        } else if (event instanceof OrderPlaced placed) {
            floor.placed(placed.agentId(), placed.order());
        } else if (event instanceof OrderFilled filled) {
            floor.filled(filled.agentId(), filled.fill());
        } else if (event instanceof OrderCancelled cancelled) {
            floor.cancelled(cancelled.agentId(), cancelled.orderId());
        }
    }

    /** Runs the agents' inputs again on stored candles, deciding everything afresh. */
    private static final class Resimulation {

        private final BattleCandles candles;
        /** The final roster with the names agents joined under, as the re-derivation read it. */
        private final Map<String, String> names;
        private final Set<String> paused = new LinkedHashSet<>();
        private final Map<String, java.time.Instant> eliminatedAt = new LinkedHashMap<>();
        /** Recorded consequences (step fills, forced cancels, close-outs) not yet matched. */
        private final Deque<LoggedEvent> consequences = new ArrayDeque<>();
        private TradingFloor floor;
        private BattleStarted start;
        private String digest;

        Resimulation(BattleCandles candles, Map<String, String> names) {
            this.candles = candles;
            this.names = names;
        }

        Divergence run(List<LoggedEvent> log) {
            for (LoggedEvent logged : log) {
                Divergence divergence = replay(logged);
                if (divergence != null) {
                    return divergence;
                }
            }
            return consequences.isEmpty() ? null : differs(consequences.peek(), describe(consequences.peek().payload()),
                    "nothing (the log records more than the re-simulation produced)");
        }

        private Divergence replay(LoggedEvent logged) {
            Object event = logged.payload();
            if (event instanceof BattleStarted started && started.historical() != null) {
                start = started;
                floor = TradingFloor.open(started);
            } else if (floor == null) {
                return null;
            } else if (event instanceof ParticipantEliminated eliminated) {
                return elimination(logged, eliminated);
            } else if (event instanceof ParticipantPaused p) {
                paused.add(p.agentId());
            } else if (event instanceof ParticipantResumed r) {
                paused.remove(r.agentId());
            } else if (event instanceof OrderPlaced placed) {
                return order(logged, placed.agentId(), request(placed.order()));
            } else if (event instanceof OrderRejected rejected) {
                return rejection(logged, rejected);
            } else if (event instanceof OrderFilled filled && isPlacement(filled.fill())) {
                return order(logged, filled.agentId(), request(filled.fill()));
            } else if (event instanceof OrderCancelled cancelled && cancelled.reason().equals("requested")) {
                floor.cancelled(cancelled.agentId(), cancelled.orderId());
            } else if (event instanceof OrderFilled || event instanceof OrderCancelled) {
                consequences.add(logged);
            } else if (event instanceof BattleStepped stepped) {
                return step(logged, stepped);
            } else if (event instanceof BattleStopped stopped) {
                return finish(logged, stopped);
            }
            return null;
        }

        private Divergence order(LoggedEvent logged, String agentId, OrderRequest request) {
            OrderDecision decision = floor.decide(agentId, request, floor.virtualTime());
            Object recorded = logged.payload();
            if (decision instanceof OrderDecision.Rests rests && recorded instanceof OrderPlaced placed
                    && rests.order().equals(placed.order())) {
                floor.placed(agentId, rests.order());
                return null;
            }
            if (decision instanceof OrderDecision.FillsNow now && recorded instanceof OrderFilled filled
                    && now.fill().equals(filled.fill())) {
                floor.filled(agentId, now.fill());
                return null;
            }
            return differs(logged, describe(recorded), String.valueOf(decision));
        }

        private Divergence rejection(LoggedEvent logged, OrderRejected rejected) {
            if (rejected.code() == ErrorCode.PARTICIPANT_PAUSED) {
                return paused.contains(rejected.agentId()) ? null
                        : differs(logged, describe(rejected), "agent " + rejected.agentId() + " not paused");
            }
            if (rejected.code() == ErrorCode.PARTICIPANT_ELIMINATED) {
                return eliminatedAt.containsKey(rejected.agentId()) ? null
                        : differs(logged, describe(rejected), "agent " + rejected.agentId() + " not eliminated");
            }
            OrderDecision decision = floor.decide(rejected.agentId(), rejected.order(), floor.virtualTime());
            if (decision instanceof OrderDecision.Rejected again && again.code() == rejected.code()) {
                return null;
            }
            return differs(logged, describe(rejected), String.valueOf(decision));
        }

        private Divergence step(LoggedEvent logged, BattleStepped recorded) {
            List<Candle> stored = candles.candles(start.config().pairs(), start.config().candleInterval(),
                    floor.virtualTime(), floor.timeAfter(1));
            if (!sameCandles(stored, recorded.candles())) {
                return differs(logged, "candles " + recorded.candles(), "stored candles " + stored);
            }
            for (String agentId : floor.agentIds()) {
                for (Execution execution : floor.executionsOn(agentId, stored)) {
                    Divergence divergence = expectConsequence(execution, agentId);
                    if (divergence != null) {
                        return divergence;
                    }
                }
            }
            if (!consequences.isEmpty()) {
                return differs(consequences.peek(), describe(consequences.peek().payload()), "no such fill at this step");
            }
            PriceBoard seen = floor.prices().copy();
            stored.forEach(seen::update);
            List<String> valued = floor.agentIds().stream()
                    .filter(id -> !paused.contains(id) && !eliminatedAt.containsKey(id)).toList();
            List<Valuation> valuations = floor.valuations(seen, valued);
            if (!valuations.equals(recorded.valuations())) {
                return differs(logged, "valuations " + recorded.valuations(), "valuations " + valuations);
            }
            floor.stepped(new BattleStepped(recorded.battleId(), recorded.accountId(), floor.step() + 1,
                    floor.totalSteps(), floor.timeAfter(1), stored, valuations));
            return null;
        }

        /** The recorded elimination must be at the limit, and its withdrawal must come out the same. */
        private Divergence elimination(LoggedEvent logged, ParticipantEliminated eliminated) {
            if (eliminated.equity().compareTo(eliminated.threshold()) > 0) {
                return differs(logged, describe(eliminated), "equity above the loss limit: no elimination");
            }
            String agentId = eliminated.agentId();
            Divergence divergence = expectWithdrawal(agentId, "eliminated");
            if (divergence != null) {
                return divergence;
            }
            eliminatedAt.put(agentId, eliminated.eliminatedAt());
            return null;
        }

        private Divergence finish(LoggedEvent logged, BattleStopped recorded) {
            for (String agentId : floor.agentIds()) {
                Divergence divergence = expectWithdrawal(agentId, "battle_ended");
                if (divergence != null) {
                    return divergence;
                }
            }
            if (!consequences.isEmpty()) {
                return differs(consequences.peek(), describe(consequences.peek().payload()), "no such close-out");
            }
            digest = FinalRanking.digest(floor.rankings(names, eliminatedAt));
            return digest.equals(recorded.rankingsDigest()) ? null
                    : differs(logged, "rankings digest " + recorded.rankingsDigest(), "rankings digest " + digest);
        }

        /** As the aggregate withdraws an agent: every resting order cancelled, then every position sold. */
        private Divergence expectWithdrawal(String agentId, String reason) {
            for (RestingOrder order : floor.openOrders(agentId)) {
                Divergence divergence = expectCancel(agentId, order.orderId(), reason);
                if (divergence != null) {
                    return divergence;
                }
            }
            for (Fill fill : floor.closeOut(agentId, floor.virtualTime())) {
                Divergence divergence = expectFill(agentId, fill);
                if (divergence != null) {
                    return divergence;
                }
            }
            return null;
        }

        private Divergence expectConsequence(Execution execution, String agentId) {
            if (execution instanceof Execution.Filled filled) {
                return expectFill(agentId, filled.fill());
            }
            Execution.Cancelled cancelled = (Execution.Cancelled) execution;
            return expectCancel(agentId, cancelled.orderId(), cancelled.code().name().toLowerCase(Locale.ROOT));
        }

        private Divergence expectFill(String agentId, Fill fill) {
            LoggedEvent next = consequences.poll();
            if (next != null && next.payload() instanceof OrderFilled filled && filled.agentId().equals(agentId)
                    && filled.fill().equals(fill)) {
                floor.filled(agentId, fill);
                return null;
            }
            return differs(next, next == null ? "nothing" : describe(next.payload()), "fill " + fill);
        }

        private Divergence expectCancel(String agentId, String orderId, String reason) {
            LoggedEvent next = consequences.poll();
            if (next != null && next.payload() instanceof OrderCancelled cancelled && cancelled.agentId().equals(agentId)
                    && cancelled.orderId().equals(orderId) && cancelled.reason().equals(reason)) {
                floor.cancelled(agentId, orderId);
                return null;
            }
            return differs(next, next == null ? "nothing" : describe(next.payload()),
                    "cancellation of " + orderId + " (" + reason + ")");
        }

        private static boolean isPlacement(Fill fill) {
            return fill.type() == OrderType.MARKET && !Sandbox.isCloseOut(fill);
        }

        private static OrderRequest request(RestingOrder order) {
            return new OrderRequest(order.orderId(), order.symbol(), order.side(), order.type(), order.quantity(),
                    order.price(), order.triggerPrice());
        }

        private static OrderRequest request(Fill fill) {
            return new OrderRequest(fill.orderId(), fill.symbol(), fill.side(), fill.type(), fill.quantity(), null, null);
        }

        /** Equal market data, whatever decimal scale each side happens to carry. */
        private static boolean sameCandles(List<Candle> a, List<Candle> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                Candle x = a.get(i);
                Candle y = b.get(i);
                boolean same = x.symbol().equals(y.symbol()) && x.openTime().equals(y.openTime())
                        && x.open().compareTo(y.open()) == 0 && x.high().compareTo(y.high()) == 0
                        && x.low().compareTo(y.low()) == 0 && x.close().compareTo(y.close()) == 0
                        && x.quoteVolumeOrEstimate().compareTo(y.quoteVolumeOrEstimate()) == 0;
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        private static Divergence differs(LoggedEvent at, String recorded, String resimulated) {
            return new Divergence(at == null ? -1 : at.sequence(),
                    at == null ? "end of log" : at.payload().getClass().getSimpleName(), recorded, resimulated);
        }

        private static String describe(Object payload) {
            return String.valueOf(payload);
        }
    }
}
