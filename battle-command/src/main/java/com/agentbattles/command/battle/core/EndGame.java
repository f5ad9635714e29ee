package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.DeleteBattle;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.RestingOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * How a battle ends, for everyone or for one participant: survival eliminations at the loss
 * limit, the close-out (resting orders withdrawn, positions sold at the latest prices), the final
 * ranking by the one calculator, and the owner's stop, cancel and delete.
 */
public final class EndGame extends BattleRule {

    public EndGame(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    public void stop(StopBattle command) {
        requireRunning("stop");
        if (!state.historical()) {
            // the curve ends where the battle ends: one last snapshot at the stop's prices
            new LiveSession(state, recorder).snapshot(command.quotes(), command.stoppedAt());
        }
        finish(command.stoppedAt());
    }

    public void cancel(CancelBattle command) {
        cancel(command.cancelledAt());
    }

    /** Erases a battle not yet started, cancels a running one, hides a finished one (once). */
    public void delete(DeleteBattle command) {
        if (state.status().isEditable()) {
            record(new BattleDeleted(battleId(), accountId(), state.status(), command.deletedAt()));
        } else if (state.status().isRunning()) {
            cancel(command.deletedAt());
        } else if (!state.hidden()) {
            record(new BattleHidden(battleId(), accountId(), state.status(), command.deletedAt()));
        }
    }

    /**
     * Ends a running battle: resting orders are withdrawn, positions sold at the latest prices,
     * and the ranking is computed from what the events recorded.
     */
    void finish(Instant at) {
        // an existing-mode wallet is the agent's own: the battle ends without touching it, and
        // ranks it at the latest recorded prices instead of selling it
        boolean ownWallets = !state.historical() && state.config().walletMode() == WalletMode.EXISTING;
        if (state.started() && !ownWallets) {
            for (String agentId : state.agentIds()) {
                withdraw(agentId, "battle_ended", floor().step());
            }
        }
        closeLiveWallets(at);
        List<FinalRanking> rankings = rankings(state);
        record(new BattleStopped(battleId(), accountId(), state.status(), state.agentIds(), rankings,
                FinalRanking.digest(rankings), at));
    }

    /**
     * Survival rules: a participant whose equity fell to the loss limit is out. Its orders are
     * withdrawn and its positions sold first, so its equity is final from here on.
     */
    void eliminateAtLossLimit(List<Valuation> valuations, long step, Instant at) {
        if (state.config().lossLimitPct() == null) {
            return;
        }
        BigDecimal threshold = lossThreshold();
        for (Valuation valuation : valuations) {
            if (valuation.equity().compareTo(threshold) <= 0) {
                withdraw(valuation.agentId(), "eliminated", step);
                record(new ParticipantEliminated(battleId(), accountId(), valuation.agentId(), valuation.equity(),
                        threshold, step, at));
            }
        }
    }

    /** A survival battle is decided once at most one participant is left standing (one who never got a wallet is not). */
    boolean survivalDecided() {
        return state.config().lossLimitPct() != null && state.participants().values().stream()
                .filter(p -> p.status() != ParticipantStatus.ELIMINATED && p.status() != ParticipantStatus.NOT_PROVISIONED)
                .count() <= 1;
    }

    /**
     * The final ranking, best first, by the one metrics calculator: over the steps of a
     * historical battle, over the equity snapshots of a live one. A pure function of the state,
     * so the audit's re-derivation ranks exactly as the battle did.
     */
    public static List<FinalRanking> rankings(BattleState state) {
        if (!state.started()) {
            return List.of();
        }
        return state.floor().rankings(state.names());
    }

    private BigDecimal lossThreshold() {
        return state.config().startingBalance().multiply(BigDecimal.ONE.subtract(
                state.config().lossLimitPct().movePointLeft(2))).setScale(Decimals.USDT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Cancels an agent's resting orders and sells its positions at the latest prices. */
    private void withdraw(String agentId, String reason, long step) {
        for (RestingOrder order : floor().openOrders(agentId)) {
            record(new OrderCancelled(battleId(), accountId(), agentId, order.orderId(), reason, step,
                    floor().virtualTime()));
        }
        for (Fill fill : floor().closeOut(agentId, floor().virtualTime())) {
            record(new OrderFilled(battleId(), accountId(), agentId, fill, step));
        }
    }

    /** What each live wallet leaves behind, for the custody process to hand back. */
    private void closeLiveWallets(Instant at) {
        if (!state.started() || state.historical()) {
            return;
        }
        for (String agentId : state.agentIds()) {
            if (floor().hasWallet(agentId)) {
                record(new ParticipantWalletClosed(battleId(), accountId(), agentId, floor().holdings(agentId), at));
            }
        }
    }

    private void cancel(Instant at) {
        if (!state.status().canCancel()) {
            throw state.status().refuse("cancel");
        }
        boolean running = state.status().isRunning();
        if (running) {
            closeLiveWallets(at);
        }
        List<String> released = running ? state.agentIds() : List.of();
        record(new BattleCancelled(battleId(), accountId(), state.status(), released, at));
    }
}
