package com.agentbattles.command.battle;

import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.command.battle.core.BattleState;
import com.agentbattles.command.battle.core.EndGame;
import com.agentbattles.command.battle.core.TradingFloor;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.engine.BuyAndHold;
import com.agentbattles.engine.PriceBoard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a battle's recorded result two ways, both from its event log. For a historical battle:
 * <ul>
 *   <li><b>re-derivation</b>: fold the recorded events into a fresh {@link BattleState} and rank
 *   again with the one calculator; the digest must equal the one the stop event recorded;</li>
 *   <li><b>re-simulation</b>: take only the inputs from the log (each order at the step it was
 *   sent, cancels, pauses, steps, the stop) and run them again through the battle's own rules on
 *   the candles of the candle store; every event they record must be the next one in the log, or
 *   the first difference is reported ({@link Resimulation}).</li>
 * </ul>
 * A live battle's market cannot be replayed, so its second check re-values each recorded
 * snapshot: the wallets as the earlier events left them, at the prices the snapshot recorded,
 * must be worth exactly what it says.
 */
public final class BattleAudit {

    /** One event as read from the store: its sequence in the battle's stream and its payload. */
    public record LoggedEvent(long sequence, Object payload) {
    }

    /**
     * Where the re-simulation first disagreed with the log.
     *
     * @param difference the first field that differs, e.g. {@code fill.price: recorded 100.5, re-simulated 100.6}
     */
    public record Divergence(long sequence, String event, String recorded, String resimulated, String difference) {
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
        Rederivation rederived = Rederivation.of(log);
        if (!rederived.started) {
            return new Report(battleId, false, rederived.completed, log.size(), rederived.recordedDigest, null, false,
                    null, false, new Divergence(-1, "BattleStarted", "a started battle", "a battle that never started", null));
        }
        boolean rederivationMatches = rederived.completed
                && Objects.equals(rederived.recordedDigest, rederived.rederivedDigest);
        if (!rederived.historical) {
            // a live market cannot be replayed: the second check re-values every snapshot instead
            Divergence divergence = rederived.divergence;
            return new Report(battleId, false, rederived.completed, log.size(), rederived.recordedDigest,
                    rederived.rederivedDigest, rederivationMatches, divergence == null ? rederived.rederivedDigest : null,
                    divergence == null, divergence);
        }
        Resimulation resimulation = new Resimulation(log, candles);
        Divergence divergence = earliest(rederived.divergence, resimulation.run());
        String digest = divergence == null ? resimulation.digest() : null;
        return new Report(battleId, true, rederived.completed, log.size(), rederived.recordedDigest,
                rederived.rederivedDigest, rederivationMatches, digest,
                divergence == null && (!rederived.completed || Objects.equals(rederived.recordedDigest, digest)),
                divergence);
    }

    /**
     * The buy-and-hold baseline folded from the log alone (the engine's {@link BuyAndHold}, the
     * fold the read side runs): its value at every snapshot from the battle's first price on, by
     * step (a live battle: by snapshot sequence), oldest first. Its prices are the recorded
     * candles and quotes, which the re-simulation proves against the candle store.
     */
    public static Map<Long, BaselineValue> baselineCurve(List<LoggedEvent> log) {
        Map<Long, BaselineValue> curve = new LinkedHashMap<>();
        BuyAndHold baseline = null;
        for (LoggedEvent logged : log) {
            Object event = logged.payload();
            if (baseline == null) {
                if (event instanceof BattleStarted started && !started.config().pairs().isEmpty()) {
                    baseline = BuyAndHold.of(started.config());
                }
            } else if (baseline.apply(event) && baseline.value() != null) {
                curve.put(baseline.step(), baseline.value());
            }
        }
        return curve;
    }

    /** The divergence that comes first in the log: where the tampering is. */
    private static Divergence earliest(Divergence a, Divergence b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        long positionA = a.sequence() < 0 ? Long.MAX_VALUE : a.sequence();
        long positionB = b.sequence() < 0 ? Long.MAX_VALUE : b.sequence();
        return positionB < positionA ? b : a;
    }

    /** The recorded events folded as the battle folded them, ranked again where the battle stopped. */
    private static final class Rederivation {
        boolean started;
        boolean historical;
        boolean completed;
        String recordedDigest;
        String rederivedDigest;
        Divergence divergence;

        static Rederivation of(List<LoggedEvent> log) {
            Rederivation result = new Rederivation();
            BattleState state = new BattleState();
            for (LoggedEvent logged : log) {
                Object event = logged.payload();
                if (state.started() && event instanceof BattleStopped stopped) {
                    result.completed = true;
                    result.recordedDigest = stopped.rankingsDigest();
                    result.rederivedDigest = FinalRanking.digest(EndGame.rankings(state));
                }
                if (state.started() && event instanceof LiveSnapshotTaken snapshot && result.divergence == null) {
                    result.divergence = revalue(state.floor(), logged, snapshot);
                }
                try {
                    state.evolve(event);
                } catch (RuntimeException e) {
                    // only a log no battle could have written fails to fold (e.g. a fill of a wallet never provisioned)
                    result.divergence = result.divergence != null ? result.divergence
                            : new Divergence(logged.sequence(), event.getClass().getSimpleName(),
                            EventDifference.describe(event), "an event the battle's state cannot take here",
                            String.valueOf(e));
                    break;
                }
                result.started = state.started();
                result.historical = result.started && state.historical();
            }
            return result;
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
                            "no wallet was provisioned for " + agentId, "valuations");
                }
            }
            List<Valuation> revalued = floor.valuations(board, agents);
            for (int i = 0; i < agents.size(); i++) {
                Valuation recorded = snapshot.valuations().get(i);
                Valuation again = revalued.get(i);
                var difference = EventDifference.between(recorded, again);
                if (difference.isPresent()) {
                    return new Divergence(logged.sequence(), "LiveSnapshotTaken", recorded.toString(), again.toString(),
                            "valuations[" + i + "]." + difference.get());
                }
            }
            return null;
        }
    }
}
