package com.agentbattles.command.battle;

import com.agentbattles.command.battle.core.AgentClock;
import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.command.battle.core.BattleState;
import com.agentbattles.command.battle.core.EndGame;
import com.agentbattles.command.battle.core.HistoricalSession;
import com.agentbattles.command.battle.core.LiveSession;
import com.agentbattles.command.battle.core.OrderDesk;
import com.agentbattles.command.battle.core.Roster;
import com.agentbattles.command.support.Ownership;
import com.agentbattles.domain.battle.BattleCommands.AddParticipant;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.CreateBattle;
import com.agentbattles.domain.battle.BattleCommands.DeleteBattle;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.RemoveParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleCommands.UpdateBattle;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.DeclareStepDone;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleCommands.RecordWalletRefused;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.common.OwnedCommand;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

/**
 * The Axon adapter of a battle: it loads the battle's state from its events, lets only the owner
 * in, and hands every command to the battle's rules in {@code battle.core} with
 * {@link AggregateLifecycle#apply} as their recorder. The rules are the same ones the audit runs
 * to re-simulate a battle, so what the aggregate decided and what the audit re-decides cannot
 * drift apart. Its only state is the {@link BattleState} that the rules fold.
 * <p>
 * Snapshots hold that state; {@link Revision} 4 is the shape since the standings' trackers keep the trade record and time under water (3: since they keep
 * Σr³ and Σr⁴ for psr and dsr), so a snapshot of an older shape is ignored and the battle is
 * sourced from its events instead.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@Revision("4")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Battle {

    static final int MAX_STEPS_PER_REQUEST = HistoricalSession.MAX_STEPS_PER_REQUEST;
    static final int MAX_PARTICIPANTS = Roster.MAX_PARTICIPANTS;

    @AggregateIdentifier
    private String battleId;
    private BattleState state = new BattleState();

    protected Battle() {
        // for Axon
    }

    @CommandHandler
    public Battle(CreateBattle command) {
        Roster.create(command, AggregateLifecycle::apply);
    }

    @CommandHandlerInterceptor
    void onlyTheOwner(OwnedCommand command) {
        Ownership.require(state.accountId(), command, () -> BattleErrors.notFound(battleId));
    }

    @CommandHandler
    public void handle(UpdateBattle command) {
        roster().update(command);
    }

    @CommandHandler
    public void handle(AddParticipant command) {
        roster().add(command);
    }

    @CommandHandler
    public void handle(RemoveParticipant command) {
        roster().remove(command);
    }

    @CommandHandler
    public void handle(StartBattle command, DeadlineManager deadlines) {
        roster().start(command);
        scheduleStepDeadline(deadlines, -1);
    }

    @CommandHandler
    public void handle(PauseParticipant command, BattleCandles candles, DeadlineManager deadlines) {
        long step = currentStep();
        agentClock().pause(command, candles);
        scheduleStepDeadline(deadlines, step);
    }

    @CommandHandler
    public void handle(ResumeParticipant command, DeadlineManager deadlines) {
        boolean clockWasStopped = state.started() && state.activeAgentIds().isEmpty();
        roster().resume(command);
        // with everyone paused the step's time-out passed unheard; it runs again from the resume
        Instant deadline = clockWasStopped ? state.config().stepDeadline(command.resumedAt()) : null;
        if (deadline != null) {
            deadlines.schedule(deadline, StepDeadline.NAME, new StepDeadline(currentStep(), deadline));
        }
    }

    @CommandHandler
    public StepOutcome handle(StepBattle command, BattleCandles candles) {
        return new HistoricalSession(state, AggregateLifecycle::apply).step(command, candles);
    }

    @CommandHandler
    public StepOutcome handle(DeclareStepDone command, BattleCandles candles, DeadlineManager deadlines) {
        long step = currentStep();
        StepOutcome outcome = agentClock().done(command, candles);
        scheduleStepDeadline(deadlines, step);
        return outcome;
    }

    /** A step of the agents' clock reached its time-out (scheduled when the step opened; survives restarts). */
    @DeadlineHandler(deadlineName = StepDeadline.NAME)
    void on(StepDeadline deadline, BattleCandles candles, DeadlineManager deadlines) {
        long step = currentStep();
        agentClock().timeOut(deadline.step(), deadline.at(), candles);
        scheduleStepDeadline(deadlines, step);
    }

    @CommandHandler
    public OrderOutcome handle(PlaceBattleOrder command) {
        return orderDesk().place(command);
    }

    @CommandHandler
    public void handle(CancelBattleOrder command) {
        orderDesk().cancel(command);
    }

    @CommandHandler
    public void handle(ProvisionParticipantWallet command) {
        liveSession().provision(command);
    }

    @CommandHandler
    public void handle(RecordWalletRefused command) {
        liveSession().walletRefused(command);
    }

    @CommandHandler
    public void handle(ExecuteBattleOrders command) {
        liveSession().execute(command);
    }

    @CommandHandler
    public void handle(CaptureLiveSnapshot command) {
        liveSession().capture(command);
    }

    @CommandHandler
    public void handle(StopBattle command) {
        endGame().stop(command);
    }

    @CommandHandler
    public void handle(CancelBattle command) {
        endGame().cancel(command);
    }

    @CommandHandler
    public void handle(DeleteBattle command) {
        endGame().delete(command);
    }

    /** Every battle event, through the one fold the rules and the audit share. */
    @EventSourcingHandler
    void on(Object event) {
        if (event instanceof BattleCreated created) {
            battleId = created.battleId();
        }
        state.evolve(event);
        if (event instanceof BattleDeleted) {
            AggregateLifecycle.markDeleted();
        }
    }

    /**
     * Schedules the time-out of the step that is open now, when a command opened one: the step
     * moved past {@code stepBefore} (-1: whenever one is open). A deadline of a step that closes
     * sooner stays scheduled and changes nothing when it fires (the rule checks the step).
     */
    private void scheduleStepDeadline(DeadlineManager deadlines, long stepBefore) {
        Instant deadline = state.started() && state.status().isRunning() ? state.stepDeadline() : null;
        if (deadline != null && (stepBefore < 0 || currentStep() != stepBefore)) {
            deadlines.schedule(deadline, StepDeadline.NAME, new StepDeadline(currentStep(), deadline));
        }
    }

    private long currentStep() {
        return state.started() ? state.floor().step() : -1;
    }

    /** The state the rules decide on; for tests that compare a decided battle with a replayed one. */
    BattleState state() {
        return state;
    }

    private Roster roster() {
        return new Roster(state, AggregateLifecycle::apply);
    }

    private AgentClock agentClock() {
        return new AgentClock(state, AggregateLifecycle::apply);
    }

    private OrderDesk orderDesk() {
        return new OrderDesk(state, AggregateLifecycle::apply);
    }

    private LiveSession liveSession() {
        return new LiveSession(state, AggregateLifecycle::apply);
    }

    private EndGame endGame() {
        return new EndGame(state, AggregateLifecycle::apply);
    }
}
