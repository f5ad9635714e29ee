package com.agentbattles.marketdata.feed;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.marketdata.SharedData;
import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import com.agentbattles.marketdata.store.JdbcCandleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The replay feed plays real stored candles in order, across the 2023-03-24 halt. */
class ReplayPriceFeedTest {

    private static JdbcCandleStore store;
    private ReplayPriceFeed feed;

    @BeforeAll
    static void load() {
        TestDatabase.clearCandles();
        store = new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager());
        ImportService importer = new ImportService(store);
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            importer.importFile(SharedData.file("binance-spot-freqtrade/" + sym + "-1m-2023-03-16_2023-05-01.json.gz"),
                    ImportOptions.FROM_FILE_NAME);
        }
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop();
        }
    }

    @Test
    void playsCandlesInOrderAtTheChosenSpeedAndJumpsTheHalt() {
        MarketDataProperties.Replay props = new MarketDataProperties().getReplay();
        props.setStart(Instant.parse("2023-03-24T12:30:00Z"));
        props.setSpeed(60_000); // one 1m candle per millisecond
        props.setLoop(false);
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        feed = new ReplayPriceFeed(store, props, List.of("BTCUSDT", "ETHUSDT"), fixed);
        List<Candle> btc = new CopyOnWriteArrayList<>();
        List<PriceTick> ticks = new CopyOnWriteArrayList<>();
        feed.subscribe(new PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
                ticks.add(tick);
            }

            @Override
            public void onCandleClosed(Candle candle) {
                if (candle.symbol().equals("BTCUSDT")) {
                    btc.add(candle);
                }
            }
        });
        feed.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> btc.size() >= 30);

        List<Candle> expected = store.range("BTCUSDT", com.agentbattles.domain.market.CandleInterval.ONE_MINUTE,
                Instant.parse("2023-03-24T12:30:00Z"), Instant.parse("2023-03-24T14:20:00Z"));
        List<Candle> played = List.copyOf(btc); // the feed keeps playing while we look
        assertThat(played.subList(0, 30)).isEqualTo(expected.subList(0, 30));
        // 12:30..12:39, then the exchange halted until 14:00
        assertThat(played.get(9).openTime()).isEqualTo(Instant.parse("2023-03-24T12:39:00Z"));
        assertThat(played.get(10).openTime()).isEqualTo(Instant.parse("2023-03-24T14:00:00Z"));
        assertThat(ticks).allSatisfy(t -> assertThat(t.timestamp()).isEqualTo(fixed.instant()));
        assertThat(feed.latestPrice("ETHUSDT")).isPresent();
        assertThat(feed.health().up()).isTrue();
        assertThat(feed.health().details()).containsEntry("state", "playing");
    }

    @Test
    void withoutStoredCandlesItWaitsAndStartsOnceTheyAreImported() {
        MarketDataProperties.Replay props = new MarketDataProperties().getReplay();
        props.setSpeed(3_600_000); // one 1h candle per millisecond
        props.setInterval("1h");
        feed = new ReplayPriceFeed(store, props, List.of("REPLAYLATE"), Clock.systemUTC());
        feed.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.valueOf(feed.health().details().get("state")).startsWith("waiting: no stored candles"));
        assertThat(feed.health().up()).isFalse();

        new ImportService(store).importFile(
                SharedData.file("binance-spot-freqtrade/SOLUSDT-1h-2023-04-01_2023-05-01.json"),
                new ImportOptions("REPLAYLATE", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.latestPrice("REPLAYLATE").isPresent());
        assertThat(feed.health().up()).isTrue();
    }

    @Test
    void defaultStartIsTheLatestStretchCoveredForAllSymbols() {
        MarketDataProperties.Replay props = new MarketDataProperties().getReplay();
        props.setSpeed(60_000);
        props.setLoop(false);
        feed = new ReplayPriceFeed(store, props, List.of("BTCUSDT", "ETHUSDT"), Clock.systemUTC());
        List<Candle> first = new CopyOnWriteArrayList<>();
        feed.subscribe(new PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
            }

            @Override
            public void onCandleClosed(Candle candle) {
                first.add(candle);
            }
        });
        feed.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !first.isEmpty());
        assertThat(first.get(0).openTime()).isEqualTo(Instant.parse("2023-03-24T14:00:00Z"));
    }
}
