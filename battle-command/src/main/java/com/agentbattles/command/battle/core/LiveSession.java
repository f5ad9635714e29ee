package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleCommands.RecordWalletRefused;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.PriceBoard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A live battle's market and clock, which arrive as command data: the wallets the custody
 * process provisions, the feed's price updates that meet resting orders, and the snapshot clock
 * that values everyone, applies the survival rule and ends the battle at its deadline. Every
 * price that decided something is recorded in the event it produced.
 */
public final class LiveSession extends BattleRule {

    public LiveSession(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    /** Idempotent, and quiet once the battle is over: the custody process may deliver late or twice. */
    public void provision(ProvisionParticipantWallet command) {
        if (!awaitingWallet(command.agentId())) {
            return;
        }
        record(new ParticipantWalletProvisioned(battleId(), accountId(), command.agentId(), command.holdings(),
                command.at()));
    }

    /**
     * The participant's wallet was refused to the battle (it is in another one, or the agent is
     * gone): recorded, so that the participant is shown as not provisioned rather than waited for
     * for ever. Idempotent, and quiet for a wallet that did arrive or a battle that is over.
     */
    public void walletRefused(RecordWalletRefused command) {
        if (!awaitingWallet(command.agentId())) {
            return;
        }
        record(new ParticipantNotProvisioned(battleId(), accountId(), command.agentId(), command.code(),
                command.reason(), command.at()));
    }

    /** Price updates in feed order; each is checked against the resting orders as the earlier ones left them. */
    public void execute(ExecuteBattleOrders command) {
        if (!runningLive()) {
            return;
        }
        for (Quote tick : command.ticks()) {
            for (String agentId : state.agentIds()) {
                for (Execution execution : floor().executionsOn(agentId, tick)) {
                    recordExecution(agentId, execution, floor().step(), tick.time());
                }
            }
        }
    }

    /**
     * The live clock: values everyone at the given prices, applies the survival rule, and at the
     * deadline values them at the deadline and ends the battle. Late or repeated ticks of a
     * finished battle change nothing.
     */
    public void capture(CaptureLiveSnapshot command) {
        if (!runningLive()) {
            return;
        }
        Instant deadline = state.config().deadlineFrom(state.startedAt());
        boolean due = deadline != null && !command.at().isBefore(deadline);
        Instant at = due ? deadline : command.at();
        if (at.isBefore(floor().virtualTime())) {
            return; // a snapshot never goes back in time
        }
        snapshot(command.quotes(), at);
        EndGame endGame = new EndGame(state, recorder);
        if (due || endGame.survivalDecided()) {
            endGame.finish(at);
        }
    }

    /** Values every active participant with a wallet at the feed's prices, and applies the survival rule. */
    void snapshot(List<Quote> quotes, Instant at) {
        TradingFloor floor = floor();
        PriceBoard board = pricesWith(floor, quotes);
        Set<String> needed = new TreeSet<>(state.config().pairs());
        needed.addAll(floor.heldSymbols());
        List<Quote> used = needed.stream().map(board::quote).flatMap(Optional::stream).toList();
        List<String> valued = state.activeAgentIds().stream()
                .filter(floor::hasWallet)
                // a holding nobody has a price for yet is not valued at an invented one: a gap instead
                .filter(agentId -> floor.pricedOn(agentId, board))
                .toList();
        List<Valuation> valuations = floor.valuations(board, valued);
        if (valuations.isEmpty()) {
            return; // nobody to value (every wallet still on its way, or everyone paused)
        }
        long sequence = floor.step() + 1;
        record(new LiveSnapshotTaken(battleId(), accountId(), sequence, at, used, valuations));
        new EndGame(state, recorder).eliminateAtLossLimit(valuations, sequence, at);
    }

    /** The prices last recorded in this battle, updated with what the feed says now. */
    static PriceBoard pricesWith(TradingFloor floor, List<Quote> quotes) {
        PriceBoard board = floor.prices().copy();
        quotes.forEach(board::update);
        return board;
    }

    /**
     * Whether the custody process's word on this participant's wallet is still awaited: the battle
     * runs live and the participant neither has its wallet nor was refused one.
     */
    private boolean awaitingWallet(String agentId) {
        return runningLive() && !floor().hasWallet(agentId)
                && requireParticipant(agentId).status() != ParticipantStatus.NOT_PROVISIONED;
    }

    private boolean runningLive() {
        return state.started() && !state.historical() && state.status().isRunning();
    }
}
