package com.agentbattles.marketdata.binance;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.PriceTick;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Binance stream client against a real local WebSocket server speaking Binance's format. */
class BinanceStreamFeedTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long T = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();

    private FakeBinanceStreamServer server;
    private BinanceStreamFeed feed;
    private MarketDataProperties.Binance props;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeBinanceStreamServer().startAndWait();
        props = new MarketDataProperties().getBinance();
        props.setWsBaseUrl(server.baseUrl());
        props.setReconnectInitialDelay(Duration.ofMillis(200));
        props.setReconnectMaxDelay(Duration.ofSeconds(1));
        props.setConnectTimeout(Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (feed != null) {
            feed.stop();
        }
        server.stop(1000);
    }

    private BinanceStreamFeed startFeed(String... symbols) {
        feed = new BinanceStreamFeed(props, List.of(symbols), Clock.systemUTC());
        feed.start();
        return feed;
    }

    private WebSocket awaitConnections(int n) {
        await().atMost(DEADLINE).until(() -> server.connections.size() >= n);
        return server.connections.get(n - 1);
    }

    @Test
    void subscribesToCombinedKlineStreamsAndKeepsTheLatestPrice() {
        startFeed("BTCUSDT", "ETHUSDT");
        List<Candle> closed = new CopyOnWriteArrayList<>();
        List<PriceTick> ticks = new CopyOnWriteArrayList<>();
        feed.subscribe(new com.agentbattles.marketdata.feed.PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
                ticks.add(tick);
            }

            @Override
            public void onCandleClosed(Candle candle) {
                closed.add(candle);
            }
        });
        WebSocket conn = awaitConnections(1);
        assertThat(server.connectPaths.get(0)).isEqualTo("/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m");

        server.sendKline(conn, "BTCUSDT", T + 1000, T, "62000.10", "62010.00", "61990.00", "62005.50", false);
        server.sendKline(conn, "ETHUSDT", T + 1500, T, "3400.00", "3401.00", "3399.00", "3400.25", false);
        server.sendKline(conn, "BTCUSDT", T + 60_000, T, "62000.10", "62020.00", "61990.00", "62011.00", true);

        await().atMost(DEADLINE).until(() -> ticks.size() == 3);
        assertThat(feed.latestPrice("btcusdt")).contains(
                new PriceTick("BTCUSDT", new BigDecimal("62011.00"), Instant.ofEpochMilli(T + 60_000)));
        assertThat(feed.latestPrices()).extracting(PriceTick::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(closed).singleElement().satisfies(c -> {
            assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(T));
            assertThat(c.high().toPlainString()).isEqualTo("62020.00");
            assertThat(c.tradeCount()).isEqualTo(101);
        });
        assertThat(feed.health().up()).isTrue();
    }

    @Test
    void answersAServerPingWithAPong() {
        startFeed("BTCUSDT");
        WebSocket conn = awaitConnections(1);
        server.sendPing(conn, "are-you-there-1709294400000");
        await().atMost(DEADLINE).until(() -> server.pongPayloads.contains("are-you-there-1709294400000"));
        assertThat(conn.isOpen()).isTrue();
    }

    @Test
    void reconnectsAfterTheConnectionDrops() {
        startFeed("BTCUSDT");
        WebSocket first = awaitConnections(1);
        server.sendKline(first, "BTCUSDT", T, T, "1", "2", "0.5", "1.5", false);
        await().atMost(DEADLINE).until(() -> feed.latestPrice("BTCUSDT").isPresent());

        server.drop(first);
        WebSocket second = awaitConnections(2);
        assertThat(server.connectPaths.get(1)).isEqualTo("/stream?streams=btcusdt@kline_1m");
        server.sendKline(second, "BTCUSDT", T + 5000, T, "1", "2", "0.5", "1.75", false);
        await().atMost(DEADLINE).until(() ->
                feed.latestPrice("BTCUSDT").orElseThrow().price().equals(new BigDecimal("1.75")));
        assertThat(feed.health().details()).containsEntry("connectionsOpened", 2L)
                .containsKey("lastProblem");
        assertThat(feed.health().up()).isTrue();
    }

    @Test
    void serverShutdownNoticeMovesToANewConnectionBeforeTheOldCloses() {
        startFeed("BTCUSDT");
        WebSocket first = awaitConnections(1);
        first.send("{\"e\":\"serverShutdown\",\"E\":" + T + "}");
        WebSocket second = awaitConnections(2);
        await().atMost(DEADLINE).until(() -> !first.isOpen());
        assertThat(second.isOpen()).isTrue();
        server.sendKline(second, "BTCUSDT", T, T, "1", "2", "0.5", "1.5", false);
        await().atMost(DEADLINE).until(() -> feed.latestPrice("BTCUSDT").isPresent());
    }

    @Test
    void reconnectsBeforeTheConnectionAgeLimit() {
        props.setMaxConnectionAge(Duration.ofMillis(500)); // stands in for Binance's 24 h
        startFeed("BTCUSDT");
        WebSocket first = awaitConnections(1);
        WebSocket second = awaitConnections(2);
        await().atMost(DEADLINE).until(() -> !first.isOpen());
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void symbolsAddedAtRuntimeAreSubscribedOnTheOpenConnection() {
        startFeed("BTCUSDT");
        WebSocket conn = awaitConnections(1);
        feed.track(List.of("solusdt", "BTCUSDT"));
        await().atMost(DEADLINE).until(() -> !server.received.isEmpty());
        assertThat(server.received.get(0)).isEqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@kline_1m\"],\"id\":1}");
        conn.send("{\"result\":null,\"id\":1}");
        server.sendKline(conn, "SOLUSDT", T, T, "150", "151", "149", "150.5", false);
        await().atMost(DEADLINE).until(() -> feed.latestPrice("SOLUSDT").isPresent());
        assertThat(feed.trackedSymbols()).containsExactly("BTCUSDT", "SOLUSDT");
    }

    @Test
    void miniTickerStreamsAreSupported() {
        props.setStream("miniTicker");
        startFeed("ETHUSDT");
        WebSocket conn = awaitConnections(1);
        assertThat(server.connectPaths.get(0)).isEqualTo("/stream?streams=ethusdt@miniTicker");
        server.sendMiniTicker(conn, "ETHUSDT", T, "3456.78");
        await().atMost(DEADLINE).until(() -> feed.latestPrice("ETHUSDT").isPresent());
        assertThat(feed.latestPrice("ETHUSDT").orElseThrow().price()).isEqualByComparingTo("3456.78");
    }

    @Test
    void anUnreachableBinanceIsReportedDownAndRetriedWithoutFailingStartup() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        props.setWsBaseUrl(URI.create("ws://127.0.0.1:" + closedPort));
        startFeed("BTCUSDT"); // must not throw
        await().atMost(DEADLINE).until(() -> ((Number) feed.health().details().get("retriesScheduled")).longValue() >= 2);
        assertThat(feed.health().up()).isFalse();
        assertThat(feed.health().details()).containsEntry("connected", false);
        assertThat((String) feed.health().details().get("lastProblem")).startsWith("connect failed");
        assertThat(feed.latestPrice("BTCUSDT")).isEmpty();
    }
}
