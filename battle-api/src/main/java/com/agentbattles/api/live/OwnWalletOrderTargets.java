package com.agentbattles.api.live;

import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agents' own wallets with resting orders, found in the agent-trading read model. An order that
 * the read model has not caught up with yet meets the next batch of updates instead: the relay
 * never fills it at a price older than its placement.
 */
@Component
class OwnWalletOrderTargets implements WalletOrderTargets {

    private final AgentTradingReadModel trading;

    OwnWalletOrderTargets(AgentTradingReadModel trading) {
        this.trading = trading;
    }

    @Override
    public List<ExecuteWalletOrders> ordersFor(List<Quote> ticks) {
        Set<String> symbols = new TreeSet<>();
        ticks.forEach(tick -> symbols.add(tick.symbol()));
        List<ExecuteWalletOrders> orders = new ArrayList<>();
        for (Map.Entry<String, Set<String>> wallet : trading.ownWalletsWithOpenOrders(symbols).entrySet()) {
            List<Quote> relevant = ticks.stream().filter(tick -> wallet.getValue().contains(tick.symbol())).toList();
            orders.add(new ExecuteWalletOrders(wallet.getKey(), relevant));
        }
        return orders;
    }
}
