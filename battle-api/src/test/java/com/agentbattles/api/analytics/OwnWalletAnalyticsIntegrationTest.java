package com.agentbattles.api.analytics;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.RegisteredAgent;
import com.agentbattles.api.support.ReplayFeedServer;
import com.agentbattles.domain.agent.WalletEvents.WalletDayMarked;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed platform SDK's analytics calls against the real server, over HTTP, on the own wallet
 * trading at the replay feed's prices of real Binance candles. Every field is read the way the
 * SDK reads it (decimals from their text, integers, ISO instants, UUIDs). The feed plays 1h
 * candles in real time, so the price stays put during a test and fees alone move the equity.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OwnWalletAnalyticsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "analytics-it", "test-admin-key", "1h", 1);
    }


    @BeforeEach
    void pricesAreFlowing() {
        ReplayFeedServer.awaitPrices(port, "test-admin-key");
    }

    @Test
    void theHistoryAndThePerformanceOfTheOwnWalletReadAsTheSdkReadsThem() {
        RegisteredAgent agent = register("analyst");
        ApiClient api = agent.key();
        assertThat(post(api, "buy", "0.01").status()).isEqualTo(201);
        assertThat(post(api, "sell", "0.004").status()).isEqualTo(201);
        assertThat(post(api, "sell", "0.006").status()).isEqualTo(201);
        JsonNode portfolio = api.get("/account/portfolio").json();

        // the SDK's default call
        var byDefault = api.get("/analytics/portfolio/history?interval=1h&limit=168");
        assertThat(byDefault.status()).as(byDefault.toString()).isEqualTo(200);

        var history = api.get("/analytics/portfolio/history?interval=5m&limit=50");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode snapshots = history.json().path("snapshots");
        assertThat(snapshots.size()).isBetween(2, 50);
        List<Instant> times = new ArrayList<>();
        for (JsonNode snapshot : snapshots) {
            times.add(Instant.parse(snapshot.path("time").asText()));
            for (String field : List.of("total_equity", "unrealized_pnl", "realized_pnl")) {
                assertThat(snapshot.path(field).isTextual()).as(field).isTrue();
                new BigDecimal(snapshot.path(field).asText());
            }
        }
        assertThat(times).as("oldest first").isSorted();
        // the first is the session start at the starting balance, nothing traded yet
        JsonNode first = snapshots.get(0);
        assertThat(dec(first, "total_equity")).isEqualByComparingTo("10000");
        assertThat(dec(first, "realized_pnl")).isZero();
        assertThat(times.get(0)).isEqualTo(Instant.parse(history.json().path("session_started_at").asText()));
        // the last is now: flat again, all cash, so every valuation agrees with the portfolio's
        JsonNode last = snapshots.get(snapshots.size() - 1);
        assertThat(dec(last, "total_equity")).isEqualByComparingTo(dec(portfolio, "total_equity"));
        assertThat(dec(last, "realized_pnl")).isEqualByComparingTo(dec(portfolio, "realized_pnl"));
        assertThat(dec(last, "unrealized_pnl")).isZero();
        assertThat(api.get("/analytics/portfolio/history?interval=1d&limit=1").json().path("snapshots")).hasSize(1);

        var performance = api.get("/analytics/performance?period=all");
        assertThat(performance.status()).as(performance.toString()).isEqualTo(200);
        JsonNode p = performance.json();
        assertThat(p.path("period").asText()).isEqualTo("all");
        for (String field : List.of("sharpe_ratio", "sortino_ratio", "max_drawdown_pct", "win_rate", "profit_factor",
                "avg_win", "avg_loss", "avg_trades_per_day", "best_trade", "worst_trade")) {
            assertThat(p.path(field).isTextual()).as(field + " in " + p).isTrue();
            new BigDecimal(p.path(field).asText());
        }
        for (String field : List.of("max_drawdown_duration_days", "total_trades", "current_streak")) {
            assertThat(p.path(field).isIntegralNumber()).as(field + " in " + p).isTrue();
        }
        // three fills; at an unmoved price both sells lose their fees and slippage
        assertThat(p.path("total_trades").asInt()).isEqualTo(3);
        assertThat(p.path("current_streak").asInt()).isEqualTo(-2);
        assertThat(dec(p, "win_rate")).isZero();
        assertThat(dec(p, "profit_factor")).isZero(); // losses only: a value, not undefined
        assertThat(dec(p, "avg_loss")).isNegative();
        assertThat(dec(p, "worst_trade")).isLessThanOrEqualTo(dec(p, "avg_loss"));
        assertThat(dec(p, "best_trade")).isGreaterThanOrEqualTo(dec(p, "avg_loss")).isNegative();
        // the two sells' realized PnL adds up to the portfolio's
        assertThat(dec(p, "avg_loss").multiply(BigDecimal.valueOf(2)))
                .isCloseTo(dec(portfolio, "realized_pnl"), org.assertj.core.data.Offset.offset(new BigDecimal("0.00000002")));
        assertThat(dec(p, "avg_win")).isZero();
        List<String> undefined = new ArrayList<>();
        p.path("undefined").forEach(n -> undefined.add(n.asText()));
        assertThat(undefined).contains("avg_win").doesNotContain("avg_loss", "best_trade", "win_rate", "profit_factor");
        assertThat(api.get("/analytics/performance").json().path("period").asText()).isEqualTo("all");
        assertThat(api.get("/analytics/performance?period=1d").json().path("total_trades").asInt()).isEqualTo(3);
    }

    @Test
    void theDailyLossLimitRefusesAnOwnWalletBuyAndLetsItSell() {
        RegisteredAgent owner = register("careful-owner");
        var created = owner.jwt().post("/agents", Map.of("name", "Careful", "risk_config",
                Map.of("daily_loss_limit_pct", "0.01")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String agentId = created.field("agent_id");
        ApiClient api = new ApiClient(port).withApiKey(created.field("api_key"));

        // the day's first order marks the day at 10,000; its fee (≈ 1.4 USDT) is more than 0.01 % of that
        var first = post(api, "buy", "0.05");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var refused = post(api, "buy", "0.001");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("DAILY_LOSS_LIMIT");
        String rejectedId = refused.json().path("error").path("details").path("order_id").asText();
        assertThat(api.get("/trade/order/" + rejectedId).field("status")).isEqualTo("rejected");
        // selling reduces the risk: still allowed
        assertThat(post(api, "sell", "0.05").status()).isEqualTo(201);

        List<WalletDayMarked> marks = new ArrayList<>();
        eventStore.readEvents(agentId).forEachRemaining(e -> {
            if (e.getPayload() instanceof WalletDayMarked mark) {
                marks.add(mark);
            }
        });
        assertThat(marks).as("one mark for the day, recorded with the prices it valued at").hasSize(1);
        assertThat(marks.get(0).equity()).isEqualByComparingTo("10000");
        assertThat(marks.get(0).prices()).isNotEmpty();
        assertThat(LocalDate.ofInstant(marks.get(0).markedAt(), ZoneOffset.UTC))
                .isEqualTo(LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC));
    }

    @Test
    void theLeaderboardShowsTheCallersAgentsAndPublishedOnesNeverAnotherAccountsPrivateOnes() {
        RegisteredAgent publisher = register("publisher");
        var shown = publisher.jwt().post("/agents", Map.of("name", "Shown to all", "published", true));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(201);
        assertThat(shown.json().path("published").asBoolean()).isTrue();
        String shownId = shown.field("agent_id");
        var hidden = publisher.jwt().post("/agents", Map.of("name", "Kept private"));
        assertThat(hidden.json().path("published").asBoolean()).isFalse();
        String hiddenId = hidden.field("agent_id");
        assertThat(publisher.jwt().get("/agents/" + shownId).json().path("published").asBoolean()).isTrue();

        RegisteredAgent viewer = register("viewer");
        // the viewer's own agent loses its fees: below the published agent's untouched 0 %
        assertThat(post(viewer.key(), "buy", "0.01").status()).isEqualTo(201);
        assertThat(post(viewer.key(), "sell", "0.01").status()).isEqualTo(201);

        var board = viewer.key().get("/analytics/leaderboard?period=all&limit=100");
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        JsonNode rankings = board.json().path("rankings");
        List<String> ids = new ArrayList<>();
        int previousRank = 0;
        BigDecimal previousRoi = null;
        for (JsonNode row : rankings) {
            assertThat(row.path("rank").isIntegralNumber()).isTrue();
            assertThat(row.path("rank").asInt()).isGreaterThanOrEqualTo(previousRank);
            previousRank = row.path("rank").asInt();
            UUID.fromString(row.path("account_id").asText());
            assertThat(row.path("display_name").isTextual()).isTrue();
            BigDecimal roi = new BigDecimal(row.path("roi_pct").asText());
            if (previousRoi != null) {
                assertThat(roi).isLessThanOrEqualTo(previousRoi);
            }
            previousRoi = roi;
            new BigDecimal(row.path("sharpe_ratio").asText());
            new BigDecimal(row.path("win_rate").asText());
            assertThat(row.path("total_trades").isIntegralNumber()).isTrue();
            ids.add(row.path("agent_id").asText());
            if (!row.path("account_id").asText().equals(viewer.accountId())) {
                assertThat(row.path("agent_id").asText()).as("another account's agent must be published")
                        .isNotEqualTo(hiddenId).isNotEqualTo(publisher.agentId());
            }
        }
        assertThat(ids).contains(shownId, viewer.agentId()).doesNotContain(hiddenId, publisher.agentId());
        assertThat(ids.indexOf(shownId)).isLessThan(ids.indexOf(viewer.agentId()));
        JsonNode mine = rankings.get(ids.indexOf(viewer.agentId()));
        assertThat(mine.path("total_trades").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(mine.path("roi_pct").asText())).isNegative();
        assertThat(mine.path("display_name").asText()).isNotBlank();

        // unpublished, it is gone for the viewer; published, the other one shows
        assertThat(publisher.jwt().put("/agents/" + shownId, Map.of("published", false)).json().path("published")
                .asBoolean()).isFalse();
        assertThat(publisher.jwt().put("/agents/" + hiddenId, Map.of("published", true)).status()).isEqualTo(200);
        List<String> after = new ArrayList<>();
        viewer.key().get("/analytics/leaderboard?limit=100").json().path("rankings")
                .forEach(r -> after.add(r.path("agent_id").asText()));
        assertThat(after).contains(hiddenId).doesNotContain(shownId);
        // the publisher still sees both of its own
        List<String> own = new ArrayList<>();
        publisher.jwt().get("/analytics/leaderboard?limit=100").json().path("rankings")
                .forEach(r -> own.add(r.path("agent_id").asText()));
        assertThat(own).contains(shownId, hiddenId, publisher.agentId());
        assertThat(viewer.key().get("/analytics/leaderboard?limit=1").json().path("rankings")).hasSize(1);
    }

    @Test
    void badInputsAre400NamingTheField() {
        ApiClient api = register("bad-analyst").key();
        assertField(api.get("/analytics/portfolio/history?interval=2h"), "interval");
        assertField(api.get("/analytics/portfolio/history?limit=0"), "limit");
        assertField(api.get("/analytics/portfolio/history?limit=1001"), "limit");
        assertField(api.get("/analytics/portfolio/history?limit=many"), "limit");
        assertField(api.get("/analytics/performance?period=2d"), "period");
        assertField(api.get("/analytics/leaderboard?period=week"), "period");
        assertField(api.get("/analytics/leaderboard?limit=101"), "limit");
        assertThat(new ApiClient(port).get("/analytics/performance").status()).isEqualTo(401);
    }

    private static void assertField(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().path("error").path("details").path("field").asText()).isEqualTo(field);
    }

    private static ApiClient.Response post(ApiClient api, String side, String quantity) {
        return api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", side, "type", "market", "quantity", quantity));
    }

    private RegisteredAgent register(String displayName) {
        return RegisteredAgent.register(port, displayName);
    }

    private static BigDecimal dec(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }

}
