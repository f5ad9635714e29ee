package com.agentbattles.domain.battle;

import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands that only a live battle takes. The server's live clock and price relay send the
 * time and the prices with each of them, so the aggregate decides from its inputs alone and
 * records the prices it used.
 */
public final class LiveBattleCommands {

    private LiveBattleCommands() {
    }

    /** The wallet-custody process gives a participant its battle wallet. */
    public record ProvisionParticipantWallet(@TargetAggregateIdentifier String battleId, String agentId,
                                             WalletHoldings holdings, Instant at) {
    }

    /**
     * The wallet-custody process could not take the participant's wallet (its hand-over was
     * refused): the battle records the participant as not provisioned instead of waiting for it.
     *
     * @param code   the refusal's code, e.g. WALLET_IN_BATTLE
     */
    public record RecordWalletRefused(@TargetAggregateIdentifier String battleId, String agentId,
                                      com.agentbattles.domain.error.ErrorCode code, String reason, Instant at) {
    }

    /** Price updates, in feed order, checked against the participants' resting orders. */
    public record ExecuteBattleOrders(@TargetAggregateIdentifier String battleId, List<Quote> ticks) {
        public ExecuteBattleOrders {
            ticks = List.copyOf(ticks);
        }
    }

    /**
     * Values every active participant at {@code quotes}; at or past the battle's deadline it
     * values them at the deadline and ends the battle.
     */
    public record CaptureLiveSnapshot(@TargetAggregateIdentifier String battleId, List<Quote> quotes, Instant at) {
        public CaptureLiveSnapshot {
            quotes = List.copyOf(quotes);
        }
    }
}
