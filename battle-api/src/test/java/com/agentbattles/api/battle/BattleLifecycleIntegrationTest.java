package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The battle lifecycle end to end: the real server on a random port, a fresh embedded PostgreSQL,
 * driven over HTTP like a client would. Each test registers its own accounts, so tests share the
 * server but never data.
 */
class BattleLifecycleIntegrationTest extends IntegrationTest {

    private BattleApiClient.Account owner;
    private BattleApiClient api;

    @BeforeEach
    void register() {
        owner = BattleApiClient.register(port, "Owner");
        api = owner.jwt();
    }

    private String createBattle(Map<String, Object> body) {
        return api.post("/battles", body).expect(201).body().get("battle_id").asText();
    }

    private String pendingBattleWith(String... agentIds) {
        String battleId = createBattle(Map.of("name", "Sprint", "preset", "quick_1h"));
        for (String agentId : agentIds) {
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId)).expect(201);
        }
        return battleId;
    }

    private String completedBattle(String agentA, String agentB) {
        String battleId = pendingBattleWith(agentA, agentB);
        api.post("/battles/" + battleId + "/start").expect(200);
        api.post("/battles/" + battleId + "/stop").expect(200);
        return battleId;
    }

    private List<String> listedIds(String query) {
        List<String> ids = new ArrayList<>();
        api.get("/battles" + query).expect(200).body().get("battles").forEach(b -> ids.add(b.get("battle_id").asText()));
        return ids;
    }

    @Test
    void thePresetsAreTheEightOfTheSpec() {
        JsonNode presets = api.get("/battles/presets").expect(200).body();

        assertThat(presets.fieldNames()).toIterable().containsExactly("quick_1h", "day_trader", "marathon",
                "scalper_duel", "survival", "historical_day", "historical_week", "historical_month");
        assertThat(presets.at("/quick_1h/duration_hours").asInt()).isEqualTo(1);
        assertThat(presets.at("/day_trader/duration_hours").asInt()).isEqualTo(24);
        assertThat(presets.at("/marathon/duration_hours").asInt()).isEqualTo(168);
        assertThat(presets.at("/scalper_duel/starting_balance").asText()).isEqualTo("5000.00");
        assertThat(presets.at("/scalper_duel/allowed_pairs").toString()).isEqualTo("[\"BTCUSDT\",\"ETHUSDT\"]");
        assertThat(presets.at("/survival/duration_hours").isNull()).isTrue();
        assertThat(presets.at("/survival/loss_limit_pct").asText()).isEqualTo("20");
        assertThat(presets.at("/historical_day/candle_interval").asText()).isEqualTo("1m");
        assertThat(presets.at("/historical_week/candle_interval").asText()).isEqualTo("5m");
        assertThat(presets.at("/historical_month/candle_interval").asText()).isEqualTo("1h");
        assertThat(presets.at("/historical_month/duration_hours").asInt()).isEqualTo(720);
        presets.forEach(preset -> assertThat(preset.get("wallet_mode").asText()).isEqualTo("fresh"));
    }

    @Test
    void everyPresetCreatesADraftWithItsDefaults() {
        JsonNode presets = api.get("/battles/presets").expect(200).body();
        presets.fieldNames().forEachRemaining(key -> {
            JsonNode battle = api.post("/battles", Map.of("name", "From " + key, "preset", key)).expect(201).body();
            JsonNode preset = presets.get(key);
            assertThat(battle.get("status").asText()).isEqualTo("draft");
            assertThat(battle.get("preset").asText()).isEqualTo(key);
            assertThat(battle.get("battle_mode").asText()).isEqualTo(preset.get("battle_mode").asText());
            assertThat(battle.get("ranking_metric").asText()).isEqualTo("roi_pct");
            assertThat(battle.at("/config/starting_balance").asText()).isEqualTo(preset.get("starting_balance").asText());
            assertThat(battle.at("/config/duration_hours")).isEqualTo(preset.get("duration_hours"));
            assertThat(battle.at("/config/candle_interval")).isEqualTo(preset.get("candle_interval"));
            assertThat(battle.at("/config/pairs")).isEqualTo(preset.get("pairs"));
            assertThat(battle.get("participants")).isEmpty();
            assertThat(battle.get("created_at").asText()).endsWith("Z");
        });
    }

    @Test
    void theFlatShapeOfTheApiReferenceIsAccepted() {
        JsonNode live = api.post("/battles", Map.of("name", "BTC Scalper Duel", "battle_mode", "live",
                "starting_balance", "10000.00", "duration_minutes", 60, "ranking_metric", "total_pnl")).expect(201).body();
        assertThat(live.at("/config/duration_minutes").asInt()).isEqualTo(60);
        assertThat(live.get("ranking_metric").asText()).isEqualTo("total_pnl");
        assertThat(live.at("/config/starting_balance").asText()).isEqualTo("10000.00");

        JsonNode historical = api.post("/battles", Map.of("name", "January 2025 Challenge", "battle_mode", "historical",
                "starting_balance", 2500, "ranking_metric", "sharpe_ratio",
                "backtest_config", Map.of("start_time", "2025-01-01T00:00:00Z", "end_time", "2025-01-31T23:59:59Z",
                        "candle_interval", "1h", "pairs", List.of("btcusdt", "SOLUSDT")))).expect(201).body();
        assertThat(historical.get("battle_mode").asText()).isEqualTo("historical");
        assertThat(historical.at("/config/start_time").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(historical.at("/config/end_time").asText()).isEqualTo("2025-01-31T23:59:59Z");
        assertThat(historical.at("/config/pairs").toString()).isEqualTo("[\"BTCUSDT\",\"SOLUSDT\"]");
        assertThat(historical.at("/config/starting_balance").asText()).isEqualTo("2500.00");
    }

    @Test
    void theLifecycleShapeOverridesThePreset() {
        JsonNode battle = api.post("/battles", Map.of("name", "Custom BTC Battle", "preset", "marathon",
                "battle_mode", "live", "ranking_metric", "sharpe_ratio",
                "config", Map.of("pairs", List.of("BTCUSDT"), "duration_hours", 4, "starting_balance", 20000,
                        "wallet_mode", "existing", "candle_interval", "5m"))).expect(201).body();

        assertThat(battle.get("ranking_metric").asText()).isEqualTo("sharpe_ratio");
        assertThat(battle.at("/config/duration_hours").asInt()).isEqualTo(4);
        assertThat(battle.at("/config/duration_minutes").asInt()).isEqualTo(240);
        assertThat(battle.at("/config/starting_balance").asText()).isEqualTo("20000.00");
        assertThat(battle.at("/config/wallet_mode").asText()).isEqualTo("existing");
        assertThat(battle.at("/config/candle_interval").asText()).isEqualTo("5m");
        assertThat(battle.at("/config/pairs").toString()).isEqualTo("[\"BTCUSDT\"]");
    }

    @Test
    void aLiveBattleRunsFromDraftToCompletedAndLocksItsAgentsMeanwhile() {
        String a = owner.newAgent("Momentum");
        String b = owner.newAgent("RSI");
        String battleId = createBattle(Map.of("name", "Sprint", "preset", "quick_1h"));
        String path = "/battles/" + battleId;

        JsonNode first = api.post(path + "/participants", Map.of("agent_id", a)).expect(201).body();
        assertThat(first.get("status").asText()).isEqualTo("pending");
        assertThat(first.at("/participants/0/agent_name").asText()).isEqualTo("Momentum");
        assertThat(first.at("/participants/0/status").asText()).isEqualTo("active");
        api.post(path + "/participants", Map.of("agent_id", b)).expect(201);
        assertThat(api.get(path + "/participants").expect(200).body().get("participants")).hasSize(2);

        JsonNode started = api.post(path + "/start").expect(200).body();
        assertThat(started.get("status").asText()).isEqualTo("active");
        assertThat(started.get("started_at").isNull()).isFalse();
        api.post("/agents/" + a + "/archive").expectError(409, "AGENT_IN_ACTIVE_BATTLE");
        api.delete("/agents/" + b).expectError(409, "AGENT_IN_ACTIVE_BATTLE");

        assertThat(api.post(path + "/pause/" + a).expect(200).body().get("status").asText()).isEqualTo("paused");
        JsonNode bothPaused = api.post(path + "/participants/" + b + "/pause").expect(200).body();
        assertThat(bothPaused.at("/participants/1/status").asText()).isEqualTo("paused");
        assertThat(api.post(path + "/participants/" + a + "/resume").expect(200).body().get("status").asText())
                .isEqualTo("paused");
        JsonNode resumed = api.post(path + "/resume/" + b).expect(200).body();
        assertThat(resumed.get("status").asText()).isEqualTo("active");
        assertThat(resumed.at("/participants/1/status").asText()).isEqualTo("active");
        api.post(path + "/resume/" + b).expectError(409, "INVALID_STATE_TRANSITION");

        JsonNode stopped = api.post(path + "/stop").expect(200).body();
        assertThat(stopped.get("status").asText()).isEqualTo("completed");
        assertThat(stopped.get("completed_at").isNull()).isFalse();
        assertThat(stopped.get("final_rankings").isArray()).isTrue();
        assertThat(stopped.get("rankings_digest").asText()).hasSize(64);

        api.post("/agents/" + a + "/archive").expect(200);
        assertThat(listedIds("?status=completed")).contains(battleId);
        assertThat(listedIds("?status=active")).doesNotContain(battleId);
    }

    @Test
    void illegalTransitionsAreConflictsThatSayFromWhatAndWhat() {
        String a = owner.newAgent("A");
        String b = owner.newAgent("B");
        String draft = createBattle(Map.of("name", "Empty"));

        JsonNode error = api.post("/battles/" + draft + "/start").expectError(409, "INVALID_STATE_TRANSITION");
        assertThat(error.at("/details/from").asText()).isEqualTo("draft");
        assertThat(error.at("/details/action").asText()).isEqualTo("start");

        String pending = pendingBattleWith(a);
        assertThat(api.post("/battles/" + pending + "/start").expectError(409, "INVALID_STATE_TRANSITION")
                .at("/details/participant_count").asInt()).isEqualTo(1);
        api.post("/battles/" + pending + "/stop").expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + pending + "/pause/" + a).expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + pending + "/participants", Map.of("agent_id", a)).expectError(409, "AGENT_ALREADY_IN_BATTLE");

        String completed = completedBattle(a, b);
        api.put("/battles/" + completed, Map.of("name", "Renamed")).expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + completed + "/cancel").expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + completed + "/start").expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + completed + "/participants", Map.of("agent_id", owner.newAgent("C")))
                .expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + pending + "/rematch").expectError(409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void editsAndRosterChangesWorkUntilTheStart() {
        String a = owner.newAgent("A");
        String battleId = createBattle(Map.of("name", "Editable", "preset", "day_trader"));
        String path = "/battles/" + battleId;

        JsonNode edited = api.put(path, Map.of("name", "Edited", "starting_balance", "750.5",
                "config", Map.of("duration_hours", 0.5))).expect(200).body();
        assertThat(edited.get("name").asText()).isEqualTo("Edited");
        assertThat(edited.at("/config/starting_balance").asText()).isEqualTo("750.50");
        assertThat(edited.at("/config/duration_minutes").asInt()).isEqualTo(30);
        assertThat(edited.at("/config/pairs").toString()).isEqualTo("[\"BTCUSDT\",\"ETHUSDT\"]");

        api.post(path + "/participants", Map.of("agent_id", a)).expect(201);
        JsonNode back = api.delete(path + "/participants/" + a).expect(200).body();
        assertThat(back.get("status").asText()).isEqualTo("draft");
        assertThat(back.get("participant_count").asInt()).isZero();
        api.delete(path + "/participants/" + a).expectError(404, "PARTICIPANT_NOT_FOUND");

        JsonNode scalper = api.put(path, Map.of("preset", "scalper_duel")).expect(200).body();
        assertThat(scalper.at("/config/starting_balance").asText()).isEqualTo("5000.00");
        api.put(path, Map.of("config", Map.of("pairs", List.of("SOLUSDT")))).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void deleteErasesUnstartedBattlesCancelsRunningOnesAndHidesFinishedOnes() {
        String a = owner.newAgent("A");
        String b = owner.newAgent("B");
        String draft = createBattle(Map.of("name", "Draft"));
        String pending = pendingBattleWith(a);
        String active = pendingBattleWith(a, b);
        api.post("/battles/" + active + "/start").expect(200);

        api.delete("/battles/" + draft).expect(204);
        api.delete("/battles/" + pending).expect(204);
        api.get("/battles/" + draft).expectError(404, "BATTLE_NOT_FOUND");
        api.get("/battles/" + pending).expectError(404, "BATTLE_NOT_FOUND");
        api.post("/battles/" + pending + "/cancel").expectError(404, "BATTLE_NOT_FOUND");

        api.delete("/battles/" + active).expect(204);
        assertThat(api.get("/battles/" + active).expect(200).body().get("status").asText()).isEqualTo("cancelled");
        assertThat(listedIds("?status=cancelled")).contains(active);
        api.post("/agents/" + a + "/archive").expect(200); // released by the cancellation

        api.delete("/battles/" + active).expect(204);
        JsonNode hidden = api.get("/battles/" + active).expect(200).body();
        assertThat(hidden.get("hidden").asBoolean()).isTrue();
        assertThat(listedIds("")).doesNotContain(draft, pending, active);
        api.delete("/battles/" + active).expect(204);

        String cancelled = createBattle(Map.of("name", "To cancel"));
        assertThat(api.post("/battles/" + cancelled + "/cancel").expect(200).body().get("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void aRematchCopiesConfigAndRosterUnlessOverriddenAndIsPending() {
        String a = owner.newAgent("A");
        String b = owner.newAgent("B");
        String c = owner.newAgent("C");
        String original = completedBattle(a, b);

        JsonNode rematch = api.post("/battles/" + original + "/rematch").expect(201).body();
        assertThat(rematch.get("status").asText()).isEqualTo("pending");
        assertThat(rematch.get("name").asText()).isEqualTo("Sprint (rematch)");
        assertThat(rematch.get("rematch_of").asText()).isEqualTo(original);
        assertThat(rematch.get("participants").findValuesAsText("agent_id")).containsExactly(a, b);
        assertThat(rematch.at("/config/duration_hours").asInt()).isEqualTo(1);

        JsonNode replay = api.post("/battles/" + original + "/replay", Map.of(
                "override_config", Map.of("starting_balance", "20000.00"), "agent_ids", List.of(c, a))).expect(201).body();
        assertThat(replay.get("participants").findValuesAsText("agent_id")).containsExactly(c, a);
        assertThat(replay.at("/config/starting_balance").asText()).isEqualTo("20000.00");

        JsonNode named = api.post("/battles/" + original + "/rematch", Map.of("name", "Round 2",
                "override_agents", List.of(b, c), "override_config", Map.of("duration_hours", 24))).expect(201).body();
        assertThat(named.get("name").asText()).isEqualTo("Round 2");
        assertThat(named.at("/config/duration_hours").asInt()).isEqualTo(24);
        api.post("/battles/" + named.get("battle_id").asText() + "/start").expect(200);
    }

    @Test
    void battlesOfAnotherAccountDoNotExistForYou() {
        String a = owner.newAgent("A");
        String battleId = pendingBattleWith(a);
        BattleApiClient.Account stranger = BattleApiClient.register(port, "Stranger");
        BattleApiClient them = stranger.jwt();
        String path = "/battles/" + battleId;

        them.get(path).expectError(404, "BATTLE_NOT_FOUND");
        them.put(path, Map.of("name", "mine")).expectError(404, "BATTLE_NOT_FOUND");
        them.delete(path).expectError(404, "BATTLE_NOT_FOUND");
        them.post(path + "/start").expectError(404, "BATTLE_NOT_FOUND");
        them.post(path + "/cancel").expectError(404, "BATTLE_NOT_FOUND");
        them.get(path + "/participants").expectError(404, "BATTLE_NOT_FOUND");
        them.post(path + "/participants", Map.of("agent_id", stranger.newAgent("X"))).expectError(404, "BATTLE_NOT_FOUND");
        them.delete(path + "/participants/" + a).expectError(404, "BATTLE_NOT_FOUND");
        assertThat(them.get("/battles").expect(200).body().get("total").asInt()).isZero();

        String theirs = them.post("/battles", Map.of("name", "Theirs")).expect(201).body().get("battle_id").asText();
        them.post("/battles/" + theirs + "/participants", Map.of("agent_id", a)).expectError(404, "AGENT_NOT_FOUND");
        assertThat(api.get(path).expect(200).body().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void listsFilterAndPage() {
        String live1 = createBattle(Map.of("name", "L1"));
        String live2 = createBattle(Map.of("name", "L2", "preset", "marathon"));
        String historical = createBattle(Map.of("name", "H", "preset", "historical_week"));

        JsonNode all = api.get("/battles").expect(200).body();
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("limit").asInt()).isEqualTo(50);
        assertThat(all.get("offset").asInt()).isZero();
        assertThat(all.get("battles").findValuesAsText("battle_id")).containsExactly(historical, live2, live1);
        JsonNode item = all.get("battles").get(0);
        assertThat(item.get("participant_count").asInt()).isZero();
        assertThat(item.get("winner").isNull()).isTrue();
        assertThat(item.has("started_at")).isTrue();

        assertThat(listedIds("?battle_mode=historical")).containsExactly(historical);
        assertThat(listedIds("?battle_mode=live&status=draft")).containsExactly(live2, live1);
        JsonNode page = api.get("/battles?limit=1&offset=1").expect(200).body();
        assertThat(page.get("battles").findValuesAsText("battle_id")).containsExactly(live2);
        assertThat(page.get("total").asInt()).isEqualTo(3);

        api.get("/battles?limit=201").expectError(400, "VALIDATION_ERROR");
        api.get("/battles?limit=0").expectError(400, "VALIDATION_ERROR");
        api.get("/battles?offset=-1").expectError(400, "VALIDATION_ERROR");
        api.get("/battles?limit=many").expectError(400, "VALIDATION_ERROR");
        assertThat(api.get("/battles?status=finished").expectError(400, "VALIDATION_ERROR").at("/details/field").asText())
                .isEqualTo("status");
    }

    @Test
    void aHistoricalBattleCannotStartWithoutCoveredData() {
        String a = owner.newAgent("A");
        String b = owner.newAgent("B");
        // a pair no test imports, so the answer does not depend on which tests ran before
        String battleId = createBattle(Map.of("name", "Replay day", "preset", "historical_day",
                "backtest_config", Map.of("pairs", List.of("XRPUSDT"))));
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", a)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", b)).expect(201);

        api.post("/battles/" + battleId + "/start").expectError(409, "DATA_NOT_COVERED");
        String dated = createBattle(Map.of("name", "Replay a day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", "2019-05-01T00:00:00Z", "end_time", "2019-05-02T00:00:00Z",
                        "pairs", List.of("BTCUSDT", "XRPUSDT"))));
        api.post("/battles/" + dated + "/participants", Map.of("agent_id", a)).expect(201);
        api.post("/battles/" + dated + "/participants", Map.of("agent_id", b)).expect(201);
        JsonNode refusal = api.post("/battles/" + dated + "/start").expectError(409, "DATA_NOT_COVERED");
        assertThat(refusal.at("/details/missing_ranges")).isNotEmpty();
        assertThat(refusal.at("/details/missing_ranges/0/from").asText()).isEqualTo("2019-05-01T00:00:00Z");
        assertThat(api.get("/battles/" + battleId).expect(200).body().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("name", Map.of("preset", "quick_1h"));
        cases.put("preset", Map.of("name", "x", "preset", "quick_2h"));
        cases.put("ranking_metric", Map.of("name", "x", "ranking_metric", "luck"));
        cases.put("battle_mode", Map.of("name", "x", "battle_mode", "paper"));
        cases.put("candle_interval", Map.of("name", "x", "config", Map.of("candle_interval", "2m")));
        cases.put("starting_balance", Map.of("name", "x", "starting_balance", "-1"));
        cases.put("duration_minutes", Map.of("name", "x", "duration_minutes", -60));
        cases.put("duration_hours", Map.of("name", "x", "config", Map.of("duration_hours", 0)));
        cases.put("pairs", Map.of("name", "x", "config", Map.of("pairs", List.of())));
        cases.put("pairs[1]", Map.of("name", "x", "config", Map.of("pairs", List.of("BTCUSDT", "BTC-EUR"))));
        cases.put("wallet_mode", Map.of("name", "x", "config", Map.of("wallet_mode", "borrowed")));
        cases.put("end_time", Map.of("name", "x", "battle_mode", "historical", "backtest_config",
                Map.of("start_time", "2025-01-02T00:00:00Z", "end_time", "2025-01-01T00:00:00Z")));
        cases.put("start_time", Map.of("name", "x", "battle_mode", "live", "backtest_config",
                Map.of("start_time", "2025-01-02T00:00:00Z")));
        cases.put("config.starting_balance", Map.of("name", "x", "config", Map.of("starting_balance", "lots")));
        cases.put("backtest_config.start_time", Map.of("name", "x", "backtest_config", Map.of("start_time", "yesterday")));
        cases.put("config.pairs", Map.of("name", "x", "config", Map.of("pairs", "BTCUSDT")));
        cases.forEach((field, body) -> assertThat(api.post("/battles", body).expectError(400, "VALIDATION_ERROR")
                .at("/details/field").asText()).as(body.toString()).isEqualTo(field));

        api.postRaw("/battles", "{\"name\": ").expectError(400, "VALIDATION_ERROR");
        api.postRaw("/battles", "[1, 2]").expectError(400, "VALIDATION_ERROR");
        api.post("/battles", Map.of("name", List.of("not", "a", "string"))).expectError(400, "VALIDATION_ERROR");
        assertThat(api.get("/battles").expect(200).body().get("total").asInt()).isZero();

        String battleId = createBattle(Map.of("name", "Target"));
        api.post("/battles/" + battleId + "/participants", Map.of()).expectError(400, "VALIDATION_ERROR");
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", "no-such-agent"))
                .expectError(404, "AGENT_NOT_FOUND");
        api.get("/battles/no-such-battle").expectError(404, "BATTLE_NOT_FOUND");
        api.post("/battles/no-such-battle/start").expectError(404, "BATTLE_NOT_FOUND");
        api.post("/battles/" + battleId + "/pause/nobody").expectError(409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void battlesNeedTheAccountsJwt() {
        BattleApiClient.anonymous(port).get("/battles").expectError(401, "AUTHENTICATION_REQUIRED");
        owner.apiKey().get("/battles").expectError(403, "PERMISSION_DENIED");
        owner.apiKey().post("/battles", Map.of("name", "x")).expectError(403, "PERMISSION_DENIED");
    }
}
