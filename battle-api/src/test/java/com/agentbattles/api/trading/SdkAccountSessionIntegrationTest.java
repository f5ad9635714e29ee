package com.agentbattles.api.trading;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.RegisteredAgent;
import com.agentbattles.api.support.ReplayFeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The account calls of the seed platform's Python SDK ({@code agentexchange}) that need a trading
 * session: {@code GET /account/info} with its session and integer risk profile,
 * {@code POST /account/reset} and {@code GET /account/pnl}, each field read with the type the SDK
 * gives it (UUID, decimal, integer, ISO-8601 time), on the real server trading at the replay
 * feed's prices of real Binance candles.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SdkAccountSessionIntegrationTest {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "sdk-session-it", "test-admin-key", "1h", 360_000);
    }


    @BeforeEach
    void pricesAreFlowing() {
        ReplayFeedServer.awaitPrices(port, "test-admin-key");
    }

    @Test
    void accountInfoCarriesTheSessionAndAnIntegerRiskProfile() {
        RegisteredAgent agent = register("sdk-info");
        var response = agent.key().get("/account/info");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode info = response.json();

        assertThat(UUID.fromString(info.path("account_id").asText()).toString()).isEqualTo(agent.accountId());
        assertThat(info.path("display_name").asText()).isEqualTo("sdk-info");
        assertThat(info.path("status").asText()).isEqualTo("active");
        assertThat(decimal(info, "starting_balance")).isEqualByComparingTo("10000");
        Instant createdAt = Instant.parse(info.path("created_at").asText());

        // a session starts when the agent is created
        JsonNode session = info.path("current_session");
        UUID sessionId = UUID.fromString(session.path("session_id").asText());
        assertThat(OffsetDateTime.parse(session.path("started_at").asText()).toInstant()).isEqualTo(createdAt);
        assertThat(agent.key().get("/account/info").json().at("/current_session/session_id").asText())
                .as("the same session on every read").isEqualTo(sessionId.toString());

        JsonNode risk = info.path("risk_profile");
        assertThat(integer(risk, "max_position_size_pct")).isEqualTo(25);
        assertThat(integer(risk, "daily_loss_limit_pct")).isEqualTo(20);
        assertThat(integer(risk, "max_open_orders")).isEqualTo(50);
        assertThat(integer(risk, "max_order_size_pct")).isEqualTo(50);

        // a percentage that is not whole is rounded down there (never a looser limit than the real
        // one) and stays exact in risk_config
        var updated = agent.jwt().put("/agents/" + agent.agentId(), Map.of("risk_config",
                Map.of("max_position_size_pct", "25.5", "daily_loss_limit_pct", "7.9")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = agent.key().get("/account/info").json();
        assertThat(integer(after.path("risk_profile"), "max_position_size_pct")).isEqualTo(25);
        assertThat(integer(after.path("risk_profile"), "daily_loss_limit_pct")).isEqualTo(7);
        assertThat(decimal(after.path("risk_config"), "max_position_size_pct")).isEqualByComparingTo("25.5");
        assertThat(decimal(after.path("risk_config"), "daily_loss_limit_pct")).isEqualByComparingTo("7.9");

        assertThat(anonymous().get("/account/info").status()).isEqualTo(401);
    }

    @Test
    void aResetWithTheAgentsOwnKeyStartsANewSessionOnAFreshWallet() {
        RegisteredAgent agent = register("sdk-reset");
        String firstSession = agent.key().get("/account/info").json().at("/current_session/session_id").asText();
        var bought = agent.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.01"));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);

        var reset = agent.key().post("/account/reset", Map.of("starting_balance", "5000"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        JsonNode answer = reset.json();
        UUID sessionId = UUID.fromString(answer.path("session_id").asText());
        assertThat(sessionId.toString()).isNotEqualTo(firstSession);
        assertThat(decimal(answer, "starting_balance")).isEqualByComparingTo("5000");
        Instant startedAt = OffsetDateTime.parse(answer.path("started_at").asText()).toInstant();
        assertThat(answer.path("agent_id").asText()).isEqualTo(agent.agentId());

        JsonNode info = agent.key().get("/account/info").json();
        assertThat(info.at("/current_session/session_id").asText()).isEqualTo(sessionId.toString());
        assertThat(Instant.parse(info.at("/current_session/started_at").asText())).isEqualTo(startedAt);
        assertThat(decimal(info, "starting_balance")).isEqualByComparingTo("5000");
        JsonNode balances = agent.key().get("/account/balance").json().path("balances");
        assertThat(balances).hasSize(1);
        assertThat(decimal(balances.get(0), "total")).isEqualByComparingTo("5000");

        // without a body: the agent's current starting balance again, and another session
        var again = agent.key().post("/account/reset");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(decimal(again.json(), "starting_balance")).isEqualByComparingTo("5000");
        assertThat(again.field("session_id")).isNotEqualTo(sessionId.toString());

        // the owner's JWT with X-Agent-Id resets that agent, like the agent's key
        var other = agent.jwt().post("/agents", Map.of("name", "Second"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        String otherId = other.field("agent_id");
        var byOwner = agent.jwt().withHeader("X-Agent-Id", otherId).post("/account/reset",
                Map.of("starting_balance", "750.5"));
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
        assertThat(byOwner.field("agent_id")).isEqualTo(otherId);
        assertThat(decimal(byOwner.json(), "starting_balance")).isEqualByComparingTo("750.5");
    }

    @Test
    void badResetsAreRefusedNamingTheField() {
        RegisteredAgent agent = register("sdk-bad-reset");
        ApiClient api = agent.key();
        assertError(api.post("/account/reset", Map.of("starting_balance", "-5")), 400, "VALIDATION_ERROR",
                "starting_balance");
        assertError(api.post("/account/reset", Map.of("starting_balance", "0")), 400, "VALIDATION_ERROR",
                "starting_balance");
        assertError(api.postRaw("/account/reset", "{\"starting_balance\":\"lots\"}"), 400, "VALIDATION_ERROR",
                "starting_balance");
        assertThat(anonymous().post("/account/reset", Map.of("starting_balance", "1000")).status()).isEqualTo(401);

        // another account's agent is invisible, and its wallet stays as it was
        RegisteredAgent stranger = register("sdk-stranger");
        var prying = stranger.jwt().withHeader("X-Agent-Id", agent.agentId())
                .post("/account/reset", Map.of("starting_balance", "1"));
        assertThat(prying.status()).as(prying.toString()).isEqualTo(404);
        assertThat(prying.errorCode()).isEqualTo("AGENT_NOT_FOUND");
        assertThat(decimal(api.get("/account/info").json(), "starting_balance")).isEqualByComparingTo("10000");
    }

    @Test
    void anAgentWhoseWalletIsInARunningBattleCannotResetIt() {
        RegisteredAgent agent = register("sdk-battler");
        order(agent.key(), "buy", "0.01");
        var other = agent.jwt().post("/agents", Map.of("name", "Sparring partner"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        String battleId = agent.jwt().post("/battles", Map.of("name", "Reset sprint", "preset", "quick_1h"))
                .field("battle_id");
        for (String agentId : List.of(agent.agentId(), other.field("agent_id"))) {
            var joined = agent.jwt().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        }
        assertThat(agent.jwt().post("/battles/" + battleId + "/start").status()).isEqualTo(200);
        // fresh mode: once the battle holds the wallet the agent sees USDT only (its BTC stays set aside)
        await().atMost(Duration.ofSeconds(20)).until(() ->
                agent.key().get("/account/balance").json().path("balances").size() == 1);

        // as POST /agents/{id}/reset: refused while the agent takes part in a running battle
        var refused = agent.key().post("/account/reset", Map.of("starting_balance", "1000"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.errorCode()).isIn("AGENT_IN_ACTIVE_BATTLE", "WALLET_IN_BATTLE");
        assertThat(decimal(agent.key().get("/account/info").json(), "starting_balance")).isEqualByComparingTo("10000");
        assertThat(agent.jwt().post("/battles/" + battleId + "/cancel").status()).isEqualTo(200);
    }

    @Test
    void pnlOfTheSessionComesFromTheRecordedFills() {
        RegisteredAgent agent = register("sdk-pnl");
        ApiClient api = agent.key();
        // flat: every fill's fee and every sell's realized PnL, as the placed orders answered them
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        int winning = 0;
        int losing = 0;
        int sells = 0;
        for (String[] trade : new String[][]{{"buy", "0.01"}, {"sell", "0.004"}, {"sell", "0.006"}}) {
            JsonNode filled = order(api, trade[0], trade[1]);
            fees = fees.add(decimal(filled, "fee"));
            if ("sell".equals(trade[0])) {
                sells++;
                BigDecimal pnl = decimal(filled, "realized_pnl");
                realized = realized.add(pnl);
                winning += pnl.signum() > 0 ? 1 : 0;
                losing += pnl.signum() < 0 ? 1 : 0;
            }
        }
        JsonNode all = pnl(api, "all");
        assertThat(all.path("period").asText()).isEqualTo("all");
        assertThat(decimal(all, "realized_pnl")).isEqualByComparingTo(realized);
        assertThat(decimal(all, "unrealized_pnl")).isZero();
        assertThat(decimal(all, "total_pnl")).isEqualByComparingTo(realized);
        assertThat(decimal(all, "fees_paid")).isEqualByComparingTo(fees);
        assertThat(decimal(all, "net_pnl")).isEqualByComparingTo(realized);
        assertThat(integer(all, "winning_trades")).isEqualTo(winning);
        assertThat(integer(all, "losing_trades")).isEqualTo(losing);
        assertThat(decimal(all, "win_rate")).isEqualByComparingTo(BigDecimal.valueOf(winning).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(sells), 8, RoundingMode.HALF_EVEN));
        // over the whole session net PnL is the equity's change, what the portfolio says, up to the
        // 8-dp rounding each sell's realized PnL was recorded with (the equity is exact cash)
        BigDecimal equityChange = decimal(api.get("/account/portfolio").json(), "total_pnl");
        assertThat(decimal(all, "net_pnl").subtract(equityChange).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.00000001").multiply(BigDecimal.valueOf(sells)));

        // a held position: its unrealized PnL counts, and its buy fee is the one fee no realized PnL holds yet
        JsonNode held = order(api, "buy", "0.01");
        JsonNode withPosition = pnl(api, "all");
        assertThat(decimal(withPosition, "fees_paid")).isEqualByComparingTo(fees.add(decimal(held, "fee")));
        assertThat(decimal(withPosition, "total_pnl")).isEqualByComparingTo(
                decimal(withPosition, "realized_pnl").add(decimal(withPosition, "unrealized_pnl")));
        assertThat(decimal(withPosition, "net_pnl")).isEqualByComparingTo(
                decimal(withPosition, "total_pnl").subtract(decimal(held, "fee")));

        // every fill is from just now: the day, the week and the month see them all
        for (String period : List.of("1d", "7d", "30d")) {
            JsonNode window = pnl(api, period);
            assertThat(window.path("period").asText()).isEqualTo(period);
            assertThat(decimal(window, "realized_pnl")).isEqualByComparingTo(realized);
            assertThat(decimal(window, "fees_paid")).isEqualByComparingTo(decimal(withPosition, "fees_paid"));
            assertThat(integer(window, "winning_trades")).isEqualTo(winning);
            assertThat(Instant.parse(window.path("from").asText())).isBefore(Instant.parse(window.path("to").asText()));
        }

        // a new session starts from nothing: the earlier fills are the old session's
        var reset = api.post("/account/reset", Map.of("starting_balance", "2000"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        JsonNode fresh = pnl(api, "all");
        for (String zero : List.of("realized_pnl", "unrealized_pnl", "total_pnl", "fees_paid", "net_pnl", "win_rate")) {
            assertThat(decimal(fresh, zero)).as(zero).isZero();
        }
        assertThat(integer(fresh, "winning_trades")).isZero();
        assertThat(integer(fresh, "losing_trades")).isZero();
        assertThat(fresh.path("session_id").asText()).isEqualTo(reset.field("session_id"));
    }

    @Test
    void badPnlRequestsAreRefused() {
        RegisteredAgent agent = register("sdk-bad-pnl");
        assertError(agent.key().get("/account/pnl?period=2d"), 400, "VALIDATION_ERROR", "period");
        assertError(agent.key().get("/account/pnl?period=1w"), 400, "VALIDATION_ERROR", "period");
        assertThat(anonymous().get("/account/pnl?period=all").status()).isEqualTo(401);
        RegisteredAgent stranger = register("sdk-pnl-stranger");
        var prying = stranger.jwt().withHeader("X-Agent-Id", agent.agentId()).get("/account/pnl");
        assertThat(prying.status()).as(prying.toString()).isEqualTo(404);
        assertThat(prying.errorCode()).isEqualTo("AGENT_NOT_FOUND");
        // the owner sees its own agent's PnL with its JWT and X-Agent-Id (all by default)
        var own = agent.jwt().withHeader("X-Agent-Id", agent.agentId()).get("/account/pnl");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.field("period")).isEqualTo("all");
    }

    private static JsonNode order(ApiClient api, String side, String quantity) {
        var placed = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", side, "type", "market",
                "quantity", quantity));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json();
    }

    private static JsonNode pnl(ApiClient api, String period) {
        var response = api.get("/account/pnl?period=" + period);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** As the SDK reads a decimal: {@code Decimal(str(value))}; we send decimals as strings. */
    private static BigDecimal decimal(JsonNode node, String field) {
        assertThat(node.path(field).isTextual()).as(field + " in " + node).isTrue();
        return new BigDecimal(node.path(field).asText());
    }

    /** As the SDK reads an integer: {@code int(value)}, which refuses "25.5"; we send integers. */
    private static int integer(JsonNode node, String field) {
        assertThat(node.path(field).isIntegralNumber()).as(field + " in " + node).isTrue();
        return Integer.parseInt(node.path(field).asText());
    }

    private static void assertError(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().at("/error/details/field").asText()).as(response.toString()).isEqualTo(field);
    }

    private ApiClient anonymous() {
        return new ApiClient(port);
    }

    private RegisteredAgent register(String displayName) {
        return RegisteredAgent.register(port, displayName);
    }

}
