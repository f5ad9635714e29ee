package com.agentbattles.domain.agent;

import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Facts of an agent's own wallet. The wallet opens with the agent's starting balance
 * ({@link AgentEvents.AgentCreated}) and goes back to it on {@link AgentEvents.AgentReset}; these
 * events are everything in between.
 */
public final class WalletEvents {

    private WalletEvents() {
    }

    @Revision("1")
    public record WalletOrderPlaced(String agentId, String accountId, RestingOrder order, String rationale) {
        public WalletOrderPlaced(String agentId, String accountId, RestingOrder order) {
            this(agentId, accountId, order, null);
        }
    }

    /** @param rationale the agent's note when the order filled as it was placed; null for a resting order's fill */
    @Revision("1")
    public record WalletOrderFilled(String agentId, String accountId, Fill fill, String rationale) {
        public WalletOrderFilled(String agentId, String accountId, Fill fill) {
            this(agentId, accountId, fill, null);
        }
    }

    /** @param reason "requested", or "insufficient_balance" when a triggered buy gapped beyond the cash */
    @Revision("1")
    public record WalletOrderCancelled(String agentId, String accountId, String orderId, String reason,
                                       Instant cancelledAt) {
    }

    @Revision("1")
    public record WalletOrderRejected(String agentId, String accountId, OrderRequest order, ErrorCode code,
                                      String reason, Instant rejectedAt) {
    }

    /**
     * The first own-wallet order of a UTC day marks that day: {@code equity} (the wallet valued at
     * {@code prices}, the quotes the order came with) is the day's starting equity, against which
     * the daily loss limit is measured until the next UTC day (docs/trading-rules.md).
     */
    @Revision("1")
    public record WalletDayMarked(String agentId, String accountId, Instant markedAt, java.math.BigDecimal equity,
                                  java.util.List<com.agentbattles.domain.trading.Quote> prices) {
    }

    /**
     * A live battle took custody of the wallet; {@code setAside} is the wallet as it was, kept
     * here so that a fresh-mode battle can give it back exactly.
     */
    @Revision("1")
    public record WalletHandedOver(String agentId, String accountId, String battleId, WalletMode walletMode,
                                   WalletHoldings setAside, Instant at) {
    }

    /** The battle gave the wallet back; {@code holdings} is what it holds from now on. */
    @Revision("1")
    public record WalletReturned(String agentId, String accountId, String battleId, WalletMode walletMode,
                                 WalletHoldings holdings, Instant at) {
    }
}
