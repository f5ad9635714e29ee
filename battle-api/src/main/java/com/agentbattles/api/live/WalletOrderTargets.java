package com.agentbattles.api.live;

import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.trading.Quote;

import java.util.List;

/**
 * The agents' own wallets with resting orders that these price updates may fill. The wallet
 * read model knows which agents have open orders on which symbols; the relay sends the commands,
 * each on its own.
 */
public interface WalletOrderTargets {

    /** One command per agent with resting orders on these symbols, carrying the ticks of its symbols in feed order. */
    List<ExecuteWalletOrders> ordersFor(List<Quote> ticks);
}
