package com.agentbattles.command.battle;

import com.agentbattles.command.battle.BattleAudit.Divergence;
import com.agentbattles.command.battle.BattleAudit.LoggedEvent;
import com.agentbattles.command.battle.core.AgentClock;
import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.command.battle.core.BattleRecorder;
import com.agentbattles.command.battle.core.BattleState;
import com.agentbattles.command.battle.core.EndGame;
import com.agentbattles.command.battle.core.HistoricalSession;
import com.agentbattles.command.battle.core.OrderDesk;
import com.agentbattles.command.battle.core.Roster;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.DeclareStepDone;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.Sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a historical battle again from its inputs alone, through the same rules the aggregate
 * runs. The log is read in order; each event that only an input explains (an order, a cancel, a
 * pause, a step, the owner's stop) is turned back into that input, and the rules decide it
 * afresh, on candles read again from the store. Every event the rules then record must be the
 * next event of the log, field for field; the first one that is not is the divergence. Events
 * before the start (the roster, the config) and after the end (hiding) are taken as given.
 */
final class Resimulation {

    /** Thrown by the comparing recorder to stop the rules at the first difference. */
    private static final class Diverged extends RuntimeException {
        final Divergence divergence;

        Diverged(Divergence divergence) {
            super(null, null, false, false);
            this.divergence = divergence;
        }
    }

    private final List<LoggedEvent> log;
    private final BattleCandles candles;
    private final BattleState state = new BattleState();
    private int cursor;
    private String digest;

    Resimulation(List<LoggedEvent> log, BattleCandles candles) {
        this.log = log;
        this.candles = candles;
    }

    /** The first divergence, or null when the rules record exactly the log. */
    Divergence run() {
        while (cursor < log.size()) {
            LoggedEvent logged = log.get(cursor);
            Optional<Runnable> input = inputBehind(logged.payload());
            if (input.isEmpty()) {
                state.evolve(logged.payload());
                cursor++;
                continue;
            }
            int before = cursor;
            try {
                input.get().run();
            } catch (Diverged diverged) {
                return diverged.divergence;
            } catch (DomainException refused) {
                return divergence(logged, "the rules refuse it: " + refused.code() + " " + refused.getMessage(), null);
            }
            if (cursor == before) {
                return divergence(logged, "nothing: the rules record no event for this input", null);
            }
        }
        return null;
    }

    /** The rankings digest the re-simulated stop recorded, or null if the battle has not ended. */
    String digest() {
        return digest;
    }

    /** The recorder the rules write to: each event must be the log's next one. */
    private final BattleRecorder comparing = this::compareWithLog;

    private void compareWithLog(Object emitted) {
        if (cursor >= log.size()) {
            throw new Diverged(new Divergence(-1, "end of log", "nothing (the log ends here)",
                    EventDifference.describe(emitted), null));
        }
        LoggedEvent next = log.get(cursor);
        Optional<String> difference = EventDifference.between(next.payload(), emitted);
        if (difference.isPresent()) {
            throw new Diverged(divergence(next, EventDifference.describe(emitted), difference.get()));
        }
        state.evolve(emitted);
        cursor++;
        if (emitted instanceof BattleStopped stopped) {
            digest = stopped.rankingsDigest();
        }
    }

    /**
     * The input that made the battle record {@code event} here, or empty for an event taken as
     * given. Orders, cancels, pauses and the agents' readiness and time-outs record themselves first; a step's first event is one of
     * the next step's fills or its {@code BattleStepped}; the owner's stop starts with the
     * close-out at the current step or the {@code BattleStopped} itself.
     */
    private Optional<Runnable> inputBehind(Object event) {
        if (!state.started() || state.status().isFinished()) {
            return Optional.empty();
        }
        String battleId = state.battleId();
        String owner = state.accountId();
        long step = state.floor().step();
        if (event instanceof ParticipantPaused paused) {
            return run(() -> agentClock().pause(new PauseParticipant(battleId, owner, paused.agentId(), paused.pausedAt()),
                    candles));
        }
        if (event instanceof ParticipantReady ready) {
            return run(() -> agentClock().done(new DeclareStepDone(battleId, owner, ready.agentId(), ready.step(),
                    ready.readyAt(), ready.rationale()), candles));
        }
        if (event instanceof StepTimedOut timedOut) {
            return run(() -> agentClock().timeOut(timedOut.step(), timedOut.timedOutAt(), candles));
        }
        if (event instanceof ParticipantResumed resumed) {
            return run(() -> roster().resume(new ResumeParticipant(battleId, owner, resumed.agentId(), resumed.resumedAt())));
        }
        if (event instanceof OrderPlaced placed) {
            return order(placed.agentId(), request(placed.order(), placed.rationale()), null);
        }
        if (event instanceof OrderRejected rejected) {
            return order(rejected.agentId(), rejected.order(), rejected.rejectedAt());
        }
        if (event instanceof OrderFilled filled && isPlacement(filled.fill()) && filled.step() == step) {
            return order(filled.agentId(), request(filled.fill(), filled.rationale()), null);
        }
        if (event instanceof OrderCancelled cancelled && cancelled.reason().equals("requested")) {
            return run(() -> orders().cancel(new CancelBattleOrder(battleId, owner, cancelled.agentId(),
                    cancelled.orderId(), cancelled.cancelledAt())));
        }
        if (event instanceof BattleStepped || stepOf(event) == step + 1) {
            return run(() -> new HistoricalSession(state, comparing).step(
                    new StepBattle(battleId, owner, 1, null, stopTime()), candles));
        }
        if (event instanceof BattleStopped || stepOf(event) == step) {
            return run(() -> endGame().stop(new StopBattle(battleId, owner, stopTime())));
        }
        if (event instanceof BattleCancelled cancelled) {
            return run(() -> endGame().cancel(new CancelBattle(battleId, owner, cancelled.cancelledAt())));
        }
        LoggedEvent unexplained = log.get(cursor);
        return run(() -> {
            throw new Diverged(divergence(unexplained, "nothing: no input of the battle records this event here", null));
        });
    }

    private Optional<Runnable> order(String agentId, OrderRequest request, Instant at) {
        return run(() -> orders().place(new PlaceBattleOrder(state.battleId(), state.accountId(), agentId, request,
                at == null ? state.floor().virtualTime() : at)));
    }

    /** The step a consequence of the clock was recorded at, or -1 for other events. */
    private static long stepOf(Object event) {
        if (event instanceof OrderFilled filled) {
            return filled.step();
        }
        if (event instanceof OrderCancelled cancelled) {
            return cancelled.step();
        }
        if (event instanceof ParticipantEliminated eliminated) {
            return eliminated.step();
        }
        return -1;
    }

    /** When the battle ended, as its stop recorded it (the only wall-clock input of a historical battle). */
    private Instant stopTime() {
        for (int i = cursor; i < log.size(); i++) {
            if (log.get(i).payload() instanceof BattleStopped stopped) {
                return stopped.stoppedAt();
            }
        }
        return null;
    }

    private static Optional<Runnable> run(Runnable input) {
        return Optional.of(input);
    }

    private Roster roster() {
        return new Roster(state, comparing);
    }

    private AgentClock agentClock() {
        return new AgentClock(state, comparing);
    }

    private OrderDesk orders() {
        return new OrderDesk(state, comparing);
    }

    private EndGame endGame() {
        return new EndGame(state, comparing);
    }

    private static Divergence divergence(LoggedEvent at, String resimulated, String difference) {
        return new Divergence(at.sequence(), at.payload().getClass().getSimpleName(),
                EventDifference.describe(at.payload()), resimulated, difference);
    }

    private static boolean isPlacement(Fill fill) {
        return fill.type() == OrderType.MARKET && !Sandbox.isCloseOut(fill);
    }

    private static OrderRequest request(RestingOrder order, String rationale) {
        return new OrderRequest(order.orderId(), order.symbol(), order.side(), order.type(), order.quantity(),
                order.price(), order.triggerPrice(), rationale);
    }

    private static OrderRequest request(Fill fill, String rationale) {
        return new OrderRequest(fill.orderId(), fill.symbol(), fill.side(), fill.type(), fill.quantity(), null, null,
                rationale);
    }
}
