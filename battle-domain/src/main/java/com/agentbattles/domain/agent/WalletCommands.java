package com.agentbattles.domain.agent;

import com.agentbattles.domain.common.OwnedCommand;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Trading on an agent's own wallet, and handing the wallet to a live battle and back. Prices
 * are given with the command (the feed's latest, as the caller read them) so that the aggregate
 * decides from its inputs alone and records the prices it used in the fill.
 */
public final class WalletCommands {

    private WalletCommands() {
    }

    /** @param quotes the latest price of each symbol the decision may need */
    public record PlaceWalletOrder(@TargetAggregateIdentifier String agentId, String accountId, OrderRequest order,
                                   List<Quote> quotes, Instant requestedAt) implements OwnedCommand {
        public PlaceWalletOrder {
            quotes = quotes == null ? List.of() : List.copyOf(quotes);
        }
    }

    public record CancelWalletOrder(@TargetAggregateIdentifier String agentId, String accountId, String orderId,
                                    Instant requestedAt) implements OwnedCommand {
    }

    /** Answers the number of orders cancelled. */
    public record CancelOpenWalletOrders(@TargetAggregateIdentifier String agentId, String accountId,
                                         Instant requestedAt) implements OwnedCommand {
    }

    /** Price updates, in the order the feed gave them, checked against the wallet's resting orders. */
    public record ExecuteWalletOrders(@TargetAggregateIdentifier String agentId, List<Quote> ticks) {
        public ExecuteWalletOrders {
            ticks = List.copyOf(ticks);
        }
    }

    /** A live battle takes custody of the wallet: orders go to the battle until it is returned. */
    public record HandOverWallet(@TargetAggregateIdentifier String agentId, String accountId, String battleId,
                                 WalletMode walletMode, Instant at) implements OwnedCommand {
    }

    /**
     * The battle is over: a fresh-mode wallet gets back exactly what was set aside, an
     * existing-mode wallet takes {@code closedHoldings}, what the battle left in it.
     */
    public record ReturnWallet(@TargetAggregateIdentifier String agentId, String accountId, String battleId,
                               WalletHoldings closedHoldings, Instant at) implements OwnedCommand {
    }
}
