package com.agentbattles.domain.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Facts of a live battle besides the orders and fills it shares with historical battles
 * ({@link BattleTradingEvents}). With them the log alone re-derives every live ranking: each
 * snapshot records the prices it valued the wallets at.
 */
public final class LiveBattleEvents {

    private LiveBattleEvents() {
    }

    /** A participant's battle wallet opened: USDT only in fresh mode, its own wallet in existing mode. */
    @Revision("1")
    public record ParticipantWalletProvisioned(String battleId, String accountId, String agentId,
                                               WalletHoldings holdings, Instant at) {
    }

    /**
     * A participant's wallet could not be handed over to the battle: it stays in the roster,
     * shown as not provisioned, never trades, is never valued and is not ranked.
     */
    @Revision("1")
    public record ParticipantNotProvisioned(String battleId, String accountId, String agentId,
                                            com.agentbattles.domain.error.ErrorCode code, String reason, Instant at) {
    }

    /**
     * The equity of every active participant with a wallet, valued at {@code prices}.
     *
     * @param sequence 1 for the battle's first snapshot, then one more each time
     */
    @Revision("1")
    public record LiveSnapshotTaken(String battleId, String accountId, long sequence, Instant takenAt,
                                    List<Quote> prices, List<Valuation> valuations) {
        public LiveSnapshotTaken {
            prices = List.copyOf(prices);
            valuations = List.copyOf(valuations);
        }
    }

    /** The battle is over for this wallet; {@code holdings} is what it leaves, for an existing-mode return. */
    @Revision("1")
    public record ParticipantWalletClosed(String battleId, String accountId, String agentId,
                                          WalletHoldings holdings, Instant at) {
    }
}
