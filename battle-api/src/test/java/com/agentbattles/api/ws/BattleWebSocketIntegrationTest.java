package com.agentbattles.api.ws;

import com.agentbattles.api.support.BattleChannelClient;
import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The /ws/v1 protocol with a real WebSocket client: auth, subscription rules and status pushes in order. */
class BattleWebSocketIntegrationTest extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void theOwnerFollowsEveryTransitionOfABattleInOrder() throws Exception {
        Account owner = register("Owner");
        String battleId = liveBattleWithTwoAgents(owner);

        try (BattleChannelClient client = connect("token=" + loginToken(owner))) {
            assertThat(client.next().path("type").asText()).isEqualTo("connected");
            client.send(Map.of("action", "subscribe", "channel", "battle", "battle_id", battleId));
            assertThat(client.next().path("type").asText()).isEqualTo("subscribed");

            var agents = owner.api().get("/battles/" + battleId + "/participants").json().path("participants")
                    .findValuesAsText("agent_id");
            assertThat(owner.api().post("/battles/" + battleId + "/start").status()).isEqualTo(200);
            assertThat(owner.api().post("/battles/" + battleId + "/pause/" + agents.get(0)).status()).isEqualTo(200);
            assertThat(owner.api().post("/battles/" + battleId + "/resume/" + agents.get(0)).status()).isEqualTo(200);
            assertThat(owner.api().post("/battles/" + battleId + "/stop").status()).isEqualTo(200);

            List<String> statuses = List.of(
                    client.nextOfType("battle:status").path("data").path("status").asText(),
                    client.nextOfType("battle:status").path("data").path("status").asText(),
                    client.nextOfType("battle:status").path("data").path("status").asText(),
                    client.nextOfType("battle:status").path("data").path("status").asText());
            assertThat(statuses).containsExactly("active", "paused", "active", "completed");
        }
    }

    @Autowired
    CommandGateway commands;

    @Test
    void aSubscriberGetsEverySnapshotAndEveryFillOfALiveBattle() throws Exception {
        Account owner = register("Watcher");
        String battleId = liveBattleWithTwoAgents(owner);
        var agents = owner.api().get("/battles/" + battleId + "/participants").json().path("participants")
                .findValuesAsText("agent_id");
        try (BattleChannelClient client = connect("token=" + loginToken(owner))) {
            client.next();
            client.send(Map.of("action", "subscribe", "channel", "battle", "battle_id", battleId));
            assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
            assertThat(owner.api().post("/battles/" + battleId + "/start").status()).isEqualTo(200);
            Instant t0 = Instant.now();
            BigDecimal volume = new BigDecimal("1000000000");
            List<Quote> quotes = List.of(new Quote("BTCUSDT", new BigDecimal("60000"), volume, t0),
                    new Quote("ETHUSDT", new BigDecimal("3000"), volume, t0));
            String orderId = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) { // the custody saga provisions the wallets just after the start
                try {
                    commands.sendAndWait(new PlaceBattleOrder(battleId, owner.accountId(), agents.get(0),
                            new OrderRequest(orderId, "BTCUSDT", OrderSide.BUY, OrderType.MARKET, new BigDecimal("0.01"),
                                    null, null), quotes, Instant.now()));
                    break;
                } catch (RuntimeException e) {
                    if (!String.valueOf(e.getMessage()).contains("still being provisioned") || System.nanoTime() > deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
            JsonNode trade = client.nextOfType("battle:trade").path("data");
            assertThat(trade.path("battle_id").asText()).isEqualTo(battleId);
            assertThat(trade.path("agent_id").asText()).isEqualTo(agents.get(0));
            assertThat(trade.path("agent_name").asText()).isEqualTo("A");
            assertThat(trade.path("order_id").asText()).isEqualTo(orderId);
            assertThat(trade.path("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(trade.path("side").asText()).isEqualTo("buy");
            assertThat(new BigDecimal(trade.path("quantity").asText())).isEqualByComparingTo("0.01");
            for (String field : List.of("price", "fee", "total", "executed_at")) {
                assertThat(trade.path(field).asText()).as(field).isNotBlank();
            }
            assertThat(trade.has("realized_pnl")).isTrue();

            // wait until both wallets are valued: a snapshot values only provisioned wallets
            JsonNode update = null;
            for (int i = 1; update == null || update.path("participants").size() < 2
                    || !update.path("participants").findValues("valued").stream().allMatch(JsonNode::asBoolean); i++) {
                commands.sendAndWait(new CaptureLiveSnapshot(battleId, quotes, t0.plusSeconds(5L * i)));
                update = client.nextOfType("battle:update").path("data");
                assertThat(System.nanoTime()).as("both wallets valued in time").isLessThan(deadline);
            }
            assertThat(update.path("battle_id").asText()).isEqualTo(battleId);
            assertThat(update.path("timestamp").asText()).isNotBlank();
            JsonNode first = update.path("participants").get(0);
            assertThat(first.path("rank").asInt()).isEqualTo(1);
            for (JsonNode participant : update.path("participants")) {
                BigDecimal equity = new BigDecimal(participant.path("equity").asText());
                BigDecimal roi = equity.subtract(new BigDecimal("10000")).multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal("10000"), 8, java.math.RoundingMode.HALF_EVEN);
                assertThat(new BigDecimal(participant.path("roi_pct").asText())).isEqualByComparingTo(roi);
                assertThat(participant.path("agent_name").asText()).isIn("A", "B");
            }

            // ten more snapshots with BTC moving: A (holding BTC) has enough returns for psr and dsr,
            // B (cash only) has a flat curve and none; the push and GET /live agree digit for digit
            for (int k = 1; k <= 10; k++) {
                Instant at = t0.plusSeconds(1000 + 5L * k);
                List<Quote> moved = List.of(new Quote("BTCUSDT", new BigDecimal(60000 + 37 * k * (k % 3 - 1)), volume, at),
                        new Quote("ETHUSDT", new BigDecimal("3000"), volume, at));
                commands.sendAndWait(new CaptureLiveSnapshot(battleId, moved, at));
                update = client.nextOfType("battle:update").path("data");
            }
            JsonNode live = owner.api().get("/battles/" + battleId + "/live").json();
            // the buy-and-hold baseline: the push and GET /live agree digit for digit
            assertThat(update.path("baseline").path("equity").asText()).as(update.toString())
                    .isEqualTo(live.path("baseline").path("equity").asText()).isNotBlank();
            assertThat(update.path("baseline").path("roi_pct").asText())
                    .isEqualTo(live.path("baseline").path("roi_pct").asText());
            for (JsonNode participant : update.path("participants")) {
                String agentId = participant.path("agent_id").asText();
                JsonNode row = live.path("rankings").findParents("agent_id").stream()
                        .filter(r -> r.path("agent_id").asText().equals(agentId)).findFirst().orElseThrow();
                assertThat(participant.has("psr") && participant.has("dsr")).as(participant.toString()).isTrue();
                assertThat(participant.path("psr")).as(agentId).isEqualTo(row.path("psr"));
                assertThat(participant.path("dsr")).as(agentId).isEqualTo(row.path("dsr"));
                assertThat(participant.path("excess_roi_pct").asText()).as(agentId)
                        .isEqualTo(row.path("excess_roi_pct").asText()).isNotBlank();
                if (agentId.equals(agents.get(0))) {
                    BigDecimal psr = new BigDecimal(participant.path("psr").asText());
                    assertThat(psr).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                    assertThat(new BigDecimal(participant.path("dsr").asText())).isBetween(BigDecimal.ZERO, psr);
                } else {
                    assertThat(participant.path("psr").isNull()).as(participant.toString()).isTrue();
                }
            }
        }
    }

    @Test
    void anotherAccountsBattleCannotBeSubscribed() throws Exception {
        Account owner = register("Owner");
        Account stranger = register("Stranger");
        String battleId = liveBattleWithTwoAgents(owner);
        try (BattleChannelClient client = connect("api_key=" + stranger.apiKey())) {
            client.next();
            client.send(Map.of("action", "subscribe", "channel", "battle", "battle_id", battleId));
            JsonNode refusal = client.next();
            assertThat(refusal.path("type").asText()).isEqualTo("error");
            assertThat(refusal.path("data").path("code").asText()).isEqualTo("BATTLE_NOT_FOUND");
            client.send(Map.of("action", "dance"));
            assertThat(client.next().path("data").path("code").asText()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void aHandshakeWithoutValidCredentialsIsRefused() {
        for (String query : List.of("token=forged", "api_key=ak_live_forged", "")) {
            assertThatThrownBy(() -> connect(query))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
    }

    private String liveBattleWithTwoAgents(Account owner) {
        String battleId = owner.api().post("/battles", Map.of("name", "Sprint", "preset", "quick_1h")).field("battle_id");
        for (String name : List.of("A", "B")) {
            String agentId = owner.api().post("/agents", Map.of("name", name)).field("agent_id");
            assertThat(owner.api().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId)).status())
                    .isEqualTo(201);
        }
        return battleId;
    }

    private String loginToken(Account account) {
        return anonymous().post("/auth/login", Map.of("api_key", account.apiKey(), "api_secret", account.apiSecret()))
                .field("token");
    }

    private BattleChannelClient connect(String query) {
        return BattleChannelClient.connect(port, query);
    }
}
