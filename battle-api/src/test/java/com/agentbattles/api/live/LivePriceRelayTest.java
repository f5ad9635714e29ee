package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.api.metrics.PriceRelayMeters;
import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.AbstractPriceFeed;
import com.agentbattles.marketdata.feed.FeedHealth;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay under test with the collaborators it talks to played by the test: a feed it
 * subscribes to, the read model's list of running battles and wallets, and a command bus in
 * place of the aggregates. Batches run when the test calls {@code runOnce()}.
 */
class LivePriceRelayTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final ScriptedFeed feed = new ScriptedFeed();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(bus).build();
    private final Map<String, List<Quote>> received = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LivePriceRelay relay;

    /**
     * The command bus stands in for the aggregates: it records what each battle and wallet was
     * sent, and fails the ones in {@link #failing} as a battle fails whose lock another command
     * holds too long.
     */
    @BeforeEach
    void aggregates() {
        bus.subscribe(ExecuteBattleOrders.class.getName(), message -> {
            ExecuteBattleOrders command = (ExecuteBattleOrders) message.getPayload();
            return receive(command.battleId(), command.ticks());
        });
        bus.subscribe(ExecuteWalletOrders.class.getName(), message -> {
            ExecuteWalletOrders command = (ExecuteWalletOrders) message.getPayload();
            return receive(command.agentId(), command.ticks());
        });
    }

    private Object receive(String recipient, List<Quote> ticks) {
        if (failing.contains(recipient)) {
            throw new LockAcquisitionFailedException("Failed to acquire lock for aggregate identifier " + recipient);
        }
        received.computeIfAbsent(recipient, id -> new ArrayList<>()).addAll(ticks);
        return null;
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aBattleAndAWalletWhoseCommandsFailDoNotKeepTheTicksFromTheOthers() {
        failing.addAll(List.of("battle-stuck", "agent-stuck"));
        // the failing ones come first: before, the first failure ended the batch for everybody after it
        relay = relay(() -> List.of(battle("battle-stuck", "BTCUSDT"), battle("battle-ok", "BTCUSDT", "ETHUSDT"),
                        battle("battle-eth", "ETHUSDT")),
                ticks -> List.of(new ExecuteWalletOrders("agent-stuck", ticks), new ExecuteWalletOrders("agent-ok", ticks)));
        relay.start();
        List.of(tick("BTCUSDT", "42000", 0), tick("ETHUSDT", "2200", 1), tick("BTCUSDT", "42010", 2)).forEach(feed::tick);

        relay.runOnce();

        assertThat(received.get("battle-ok")).extracting(Quote::price)
                .containsExactly(new BigDecimal("42000"), new BigDecimal("2200"), new BigDecimal("42010"));
        assertThat(received.get("battle-eth")).extracting(Quote::price).containsExactly(new BigDecimal("2200"));
        assertThat(received.get("agent-ok")).extracting(Quote::price)
                .containsExactly(new BigDecimal("42000"), new BigDecimal("2200"), new BigDecimal("42010"));
        assertThat(received).doesNotContainKeys("battle-stuck", "agent-stuck");
        assertThat(failures("battle")).isEqualTo(1);
        assertThat(failures("wallet")).isEqualTo(1);

        // the next batch reaches them again once they recover
        failing.clear();
        feed.tick(tick("BTCUSDT", "42020", 3));
        relay.runOnce();
        assertThat(received.get("battle-stuck")).extracting(Quote::price).containsExactly(new BigDecimal("42020"));
        assertThat(received.get("agent-stuck")).extracting(Quote::price).containsExactly(new BigDecimal("42020"));
        assertThat(failures("battle")).isEqualTo(1);
    }

    @Test
    void theWalletsGetTheTicksWhenTheBattlesCannotBeListed() {
        relay = relay(() -> {
            throw new org.springframework.dao.DataAccessResourceFailureException("connection refused");
        }, ticks -> List.of(new ExecuteWalletOrders("agent-ok", ticks)));
        relay.start();
        feed.tick(tick("ETHUSDT", "2200", 0));

        relay.runOnce();

        assertThat(received.get("agent-ok")).extracting(Quote::price).containsExactly(new BigDecimal("2200"));
        assertThat(failures("battle")).isEqualTo(1);
        assertThat(failures("wallet")).isZero();
    }

    private double failures(String recipient) {
        return registry.get("battles.price.relay.failures").tag("recipient", recipient).counter().count();
    }

    private LivePriceRelay relay(Supplier<List<RunningLiveBattle>> running, WalletOrderTargets wallets) {
        LiveBattleDirectory directory = new LiveBattleDirectory(null) {
            @Override
            public List<RunningLiveBattle> running() {
                return running.get();
            }
        };
        // batches come from the test's runOnce() only, never from the loop's own thread
        LiveBattleProperties properties = new LiveBattleProperties(Duration.ofSeconds(5), Duration.ofMillis(250),
                Duration.ofHours(1), true, Duration.ofSeconds(3));
        LiveMarket market = new LiveMarket(feed, new MarketDataProperties(), properties);
        // this node runs the clock (LivePriceRelayLeaseTest covers one that does not)
        ClusterLease held = new ClusterLease(null, LiveClockLeaseConfig.NAME, "this-node", Duration.ofSeconds(3)) {
            @Override
            public boolean stillHeld() {
                return true;
            }
        };
        return new LivePriceRelay(feed, directory, wallets, commands, properties, market, new PriceRelayMeters(registry),
                held);
    }

    private static RunningLiveBattle battle(String id, String... pairs) {
        return new RunningLiveBattle(id, T0, T0.plus(Duration.ofHours(1)), List.of(pairs));
    }

    private static PriceTick tick(String symbol, String price, int second) {
        return new PriceTick(symbol, new BigDecimal(price), T0.plusSeconds(second));
    }

    /** A feed the test plays by hand. */
    private static final class ScriptedFeed extends AbstractPriceFeed {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public FeedHealth health() {
            return new FeedHealth(true, Map.of());
        }

        void tick(PriceTick tick) {
            publish(tick);
        }
    }
}
