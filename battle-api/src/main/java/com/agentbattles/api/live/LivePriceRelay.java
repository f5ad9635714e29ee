package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.api.metrics.PriceRelayMeters;
import com.agentbattles.api.metrics.PriceRelayMeters.Recipient;
import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceListener;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Brings every price update to the resting orders it may fill. The feed's thread only queues the
 * tick; every batch period the queued ticks go, in feed order, to each running live battle that
 * trades their symbols ({@link ExecuteBattleOrders}) and to the agents' own wallets
 * ({@link WalletOrderTargets}), whose aggregates check them one by one. Each recipient gets its
 * own command: one that fails is logged by id and counted ({@link PriceRelayMeters}), and the
 * others still get every tick.
 * <p>
 * One node of a cluster relays: the one running the live clock, by the clock's
 * {@link ClusterLease} (renewed by {@link LiveBattleClock}, only read here). Every node's feed
 * sees the same market, so the others drop their ticks rather than send each one to the
 * aggregates once per node; when the holder dies, the node that takes the clock over relays from
 * its next batch on. A node that may not run the clock ({@code battles.live.clock-enabled=false})
 * relays nothing either, and ticks that arrive before a node first holds the lease are dropped.
 */
@Component
@ConditionalOnWebApplication // a server drives live battles; a command-line run never does
public class LivePriceRelay extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(LivePriceRelay.class);

    private final PriceFeed feed;
    private final LiveBattleDirectory battles;
    private final WalletOrderTargets wallets;
    private final CommandGateway commands;
    private final LiveBattleProperties properties;
    private final LiveMarket market;
    private final PriceRelayMeters meters;
    private final ClusterLease lease;
    private final ConcurrentLinkedQueue<Quote> pending = new ConcurrentLinkedQueue<>();
    private volatile PriceFeed.Subscription subscription;

    public LivePriceRelay(PriceFeed feed, LiveBattleDirectory battles, WalletOrderTargets wallets,
                          CommandGateway commands, LiveBattleProperties properties, LiveMarket market,
                          PriceRelayMeters meters, ClusterLease liveClockLease) {
        super("live-price-relay");
        this.lease = liveClockLease;
        this.meters = meters;
        this.market = market;
        this.feed = feed;
        this.battles = battles;
        this.wallets = wallets;
        this.commands = commands;
        this.properties = properties;
    }

    @Override
    protected void runOnce() {
        List<Quote> ticks = new ArrayList<>();
        for (Quote tick = pending.poll(); tick != null; tick = pending.poll()) {
            ticks.add(tick);
        }
        if (ticks.isEmpty() || !lease.stillHeld()) {
            return; // a node without the clock's lease leaves the relaying to the one that has it
        }
        // every recipient on its own: one that fails (a lock held too long, a battle the read model
        // still lists but the store cannot load) misses this batch alone, never the others
        for (RunningLiveBattle battle : recipients(Recipient.BATTLE, battles::running)) {
            List<Quote> relevant = ticks.stream().filter(t -> battle.pairs().contains(t.symbol())).toList();
            if (!relevant.isEmpty()) {
                deliver(Recipient.BATTLE, battle.battleId(), new ExecuteBattleOrders(battle.battleId(), relevant));
            }
        }
        for (ExecuteWalletOrders wallet : recipients(Recipient.WALLET, () -> wallets.ordersFor(ticks))) {
            deliver(Recipient.WALLET, wallet.agentId(), wallet);
        }
    }

    private <T> List<T> recipients(Recipient kind, Supplier<List<T>> lookUp) {
        try {
            return lookUp.get();
        } catch (RuntimeException e) {
            meters.deliveryFailed(kind);
            log.warn("price relay: cannot tell which {}s trade this batch's symbols; they miss it: {}", kind.tag(), e.toString());
            return List.of();
        }
    }

    private void deliver(Recipient kind, String id, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            meters.deliveryFailed(kind);
            log.warn("price relay: {} {} missed a batch of price updates: {}", kind.tag(), id, e.toString());
        }
    }

    @Override
    protected Duration delay() {
        return properties.relayBatch();
    }

    @Override
    protected void onStart() {
        subscription = feed.subscribe(new PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
                pending.add(market.quote(tick));
            }
        });
    }

    @Override
    protected void onStop() {
        PriceFeed.Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
    }
}
