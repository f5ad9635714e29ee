package com.agentbattles.api.live;

import com.agentbattles.domain.trading.Quote;

import java.util.List;

/**
 * The agents' own wallets with resting orders, fed the price updates that may fill them. The
 * wallet read model knows which agents have open orders on which symbols.
 */
public interface WalletOrderTargets {

    /** Sends each agent with resting orders on these symbols the ticks of its symbols, in feed order. */
    void execute(List<Quote> ticks);
}
