package com.agentbattles.marketdata.feed;

import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.binance.BinanceStreamFeed;
import com.agentbattles.marketdata.config.MarketDataConfiguration;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.marketdata.store.JdbcCandleStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code battles.market.feed} picks exactly one feed, and none of them can break startup. */
class FeedSelectionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MarketDataConfiguration.class, BinanceStreamFeed.class, ReplayPriceFeed.class,
                    NoPriceFeed.class, PriceFeedHealthIndicator.class)
            .withBean(CandleStore.class, () -> new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager()))
            // loopback port 1: nothing listens, and nothing leaves the machine
            .withPropertyValues("battles.market.binance.ws-base-url=ws://127.0.0.1:1",
                    "battles.market.binance.reconnect-initial-delay=100ms");

    @Test
    void binanceIsTheDefaultAndAnUnreachableBinanceOnlyMakesHealthDown() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(PriceFeed.class)).isInstanceOf(BinanceStreamFeed.class);
            PriceFeedHealthIndicator health = ctx.getBean("priceFeed", PriceFeedHealthIndicator.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getDetails().containsKey("lastProblem"));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("feed", "binance")
                    .containsEntry("symbols", new java.util.TreeSet<>(java.util.List.of("BNBUSDT", "BTCUSDT", "ETHUSDT", "SOLUSDT")));
        });
    }

    @Test
    void noneAndReplayAreSelectable() {
        runner.withPropertyValues("battles.market.feed=none").run(ctx -> {
            assertThat(ctx.getBean(PriceFeed.class)).isInstanceOf(NoPriceFeed.class);
            assertThat(ctx.getBean(PriceFeedHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
        runner.withPropertyValues("battles.market.feed=replay", "battles.market.replay.symbols=NOSUCHUSDT",
                "battles.market.replay.interval=5m").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(PriceFeed.class)).isInstanceOf(ReplayPriceFeed.class);
            assertThat(ctx.getBean(PriceFeed.class).health().details()).containsEntry("interval", "5m");
        });
    }
}
