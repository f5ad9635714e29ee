package com.agentbattles.api.live;

import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agents' own wallets with resting orders, found in the agent-trading read model. An order that
 * the read model has not caught up with yet meets the next batch of updates instead: the relay
 * never fills it at a price older than its placement.
 */
@Component
class OwnWalletOrderTargets implements WalletOrderTargets {

    private final AgentTradingReadModel trading;
    private final CommandGateway commands;

    OwnWalletOrderTargets(AgentTradingReadModel trading, CommandGateway commands) {
        this.trading = trading;
        this.commands = commands;
    }

    @Override
    public void execute(List<Quote> ticks) {
        Set<String> symbols = new java.util.TreeSet<>();
        ticks.forEach(tick -> symbols.add(tick.symbol()));
        for (Map.Entry<String, Set<String>> wallet : trading.ownWalletsWithOpenOrders(symbols).entrySet()) {
            List<Quote> relevant = ticks.stream().filter(tick -> wallet.getValue().contains(tick.symbol())).toList();
            commands.sendAndWait(new ExecuteWalletOrders(wallet.getKey(), relevant));
        }
    }
}
