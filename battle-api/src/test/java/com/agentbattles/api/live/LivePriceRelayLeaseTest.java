package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.api.metrics.PriceRelayMeters;
import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.AbstractPriceFeed;
import com.agentbattles.marketdata.feed.FeedHealth;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' price relays with real leases on the test's PostgreSQL, both feeds playing the same
 * market: only the node holding the live clock's lease sends the ticks to the aggregates, so each
 * tick arrives once, and when that node dies (it renews no more) the node that takes the clock
 * over relays from then on. The test renews the leases itself, as each node's clock would.
 */
class LivePriceRelayLeaseTest extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    /** Long enough that a cold first renewal on a busy machine does not outlast it; short enough to wait out. */
    private static final Duration TTL = Duration.ofSeconds(2);

    @Autowired
    JdbcClient jdbc;

    /** What the battle's aggregate was sent, as node@price. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<LivePriceRelay> relays = new ArrayList<>();

    @AfterEach
    void stop() {
        relays.forEach(LivePriceRelay::stop);
    }

    @Test
    void onlyTheNodeHoldingTheClocksLeaseRelaysAndTheNextHolderTakesItOver() {
        String leaseName = "test-live-clock-" + UUID.randomUUID();
        ClusterLease leaseA = new ClusterLease(jdbc, leaseName, "node-a", TTL);
        ClusterLease leaseB = new ClusterLease(jdbc, leaseName, "node-b", TTL);
        HandFeed feedA = new HandFeed();
        HandFeed feedB = new HandFeed();
        LivePriceRelay nodeA = relay("node-a", feedA, leaseA);
        LivePriceRelay nodeB = relay("node-b", feedB, leaseB);

        assertThat(leaseA.acquireOrRenew()).isPresent();
        assertThat(leaseB.acquireOrRenew()).isEmpty();
        feedA.tick("42000", 0);
        feedB.tick("42000", 0);
        nodeA.runOnce();
        nodeB.runOnce();
        assertThat(delivered).containsExactly("node-a@42000");

        // node A is killed: nobody renews its lease; B's clock takes it once it has expired
        ClusterLease probe = new ClusterLease(jdbc, leaseName, "probe", TTL);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                leaseB.acquireOrRenew().isPresent() && probe.holder().equals(Optional.of("node-b")));
        feedA.tick("42010", 1);
        feedB.tick("42010", 1);
        nodeA.runOnce();
        nodeB.runOnce();
        assertThat(delivered).containsExactly("node-a@42000", "node-b@42010");
    }

    private LivePriceRelay relay(String node, HandFeed feed, ClusterLease lease) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(ExecuteBattleOrders.class.getName(), message -> {
            for (Quote tick : ((ExecuteBattleOrders) message.getPayload()).ticks()) {
                delivered.add(node + "@" + tick.price().toPlainString());
            }
            return null;
        });
        LiveBattleDirectory directory = new LiveBattleDirectory(null) {
            @Override
            public List<RunningLiveBattle> running() {
                return List.of(new RunningLiveBattle("battle-1", T0, T0.plus(Duration.ofHours(1)), List.of("BTCUSDT")));
            }
        };
        // batches come from the test's runOnce() only, never from the loop's own thread
        LiveBattleProperties properties = new LiveBattleProperties(Duration.ofSeconds(5), Duration.ofMillis(250),
                Duration.ofHours(1), true, TTL);
        LivePriceRelay relay = new LivePriceRelay(feed, directory, ticks -> List.of(),
                DefaultCommandGateway.builder().commandBus(bus).build(), properties,
                new LiveMarket(feed, new MarketDataProperties(), properties),
                new PriceRelayMeters(new SimpleMeterRegistry()), lease);
        relay.start();
        relays.add(relay);
        return relay;
    }

    /** A node's feed, played by hand. */
    private static final class HandFeed extends AbstractPriceFeed {
        @Override
        public String name() {
            return "hand";
        }

        @Override
        public FeedHealth health() {
            return new FeedHealth(true, Map.of());
        }

        void tick(String price, int second) {
            publish(new PriceTick("BTCUSDT", new BigDecimal(price), T0.plusSeconds(second)));
        }
    }
}
