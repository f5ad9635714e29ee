package com.agentbattles.api.agent;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole life of an agent, driven over HTTP as a user would. */
class AgentLifecycleIntegrationTest extends IntegrationTest {

    @Test
    void anAgentGoesFromCreationToDeletion() {
        Account alice = register("Alice");

        // create
        var created = alice.api().post("/agents", Map.of("name", "Momentum Bot v1", "starting_balance", "5000.00",
                "description", "buys strength"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String agentId = created.field("agent_id");
        String firstKey = created.field("api_key");
        assertThat(firstKey).startsWith("ak_live_");
        assertThat(created.field("starting_balance")).isEqualTo("5000.00");
        assertThat(created.json().path("risk_config").path("max_order_size_pct").asText()).isEqualTo("50");
        assertThat(created.json().path("risk_config").path("max_open_orders").asInt()).isEqualTo(50);

        // the agent's key works on agent endpoints at once
        var info = anonymous().withApiKey(firstKey).get("/account/info");
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.field("agent_id")).isEqualTo(agentId);
        assertThat(info.field("agent_name")).isEqualTo("Momentum Bot v1");

        // list and overview: the default agent first, then the new one
        JsonNode agents = alice.api().get("/agents").json().path("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).path("agent_id").asText()).isEqualTo(alice.defaultAgentId());
        assertThat(agents.get(0).path("is_default").asBoolean()).isTrue();
        assertThat(agents.get(1).path("agent_id").asText()).isEqualTo(agentId);
        assertThat(agents.toString()).doesNotContain(firstKey);
        var overview = alice.api().get("/agents/overview").json();
        assertThat(overview.path("total_agents").asInt()).isEqualTo(2);
        assertThat(overview.path("total_equity").asText()).isEqualTo("15000.00");

        // update the risk profile: unset values keep theirs
        var updated = alice.api().put("/agents/" + agentId, Map.of("risk_config",
                Map.of("max_order_size_pct", 25, "max_position_size_pct", 20, "daily_loss_limit_pct", 10)));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode risk = updated.json().path("risk_config");
        assertThat(risk.path("max_order_size_pct").asText()).isEqualTo("25");
        assertThat(risk.path("max_position_size_pct").asText()).isEqualTo("20");
        assertThat(risk.path("daily_loss_limit_pct").asText()).isEqualTo("10");
        assertThat(risk.path("max_open_orders").asInt()).isEqualTo(50);
        assertThat(updated.field("name")).isEqualTo("Momentum Bot v1");

        // regenerate the key: the old one stops working at once, the new one works
        var regenerated = alice.api().post("/agents/" + agentId + "/regenerate-key");
        assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(200);
        String secondKey = regenerated.field("api_key");
        assertThat(secondKey).startsWith("ak_live_").isNotEqualTo(firstKey);
        var oldKey = anonymous().withApiKey(firstKey).get("/account/info");
        assertThat(oldKey.status()).isEqualTo(401);
        assertThat(oldKey.errorCode()).isEqualTo("INVALID_API_KEY");
        assertThat(anonymous().withApiKey(secondKey).get("/account/info").status()).isEqualTo(200);
        assertThat(alice.api().get("/agents/" + agentId).field("api_key_prefix")).isEqualTo(secondKey.substring(0, 14));

        // clone: same profile, fresh key and wallet
        var clone = alice.api().post("/agents/" + agentId + "/clone");
        assertThat(clone.status()).as(clone.toString()).isEqualTo(201);
        String cloneId = clone.field("agent_id");
        assertThat(cloneId).isNotEqualTo(agentId);
        assertThat(clone.field("name")).isEqualTo("Momentum Bot v1 (copy)");
        assertThat(clone.field("cloned_from")).isEqualTo(agentId);
        assertThat(clone.field("api_key")).isNotIn(firstKey, secondKey);
        assertThat(clone.json().path("risk_config").path("max_order_size_pct").asText()).isEqualTo("25");
        assertThat(clone.field("starting_balance")).isEqualTo("5000.00");

        // reset with a new starting balance
        var reset = alice.api().post("/agents/" + agentId + "/reset", Map.of("starting_balance", "7500"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.field("starting_balance")).isEqualTo("7500.00");
        assertThat(reset.json().path("reset_count").asInt()).isEqualTo(1);

        // archive: hidden from the list, still readable, its key revoked
        var archived = alice.api().post("/agents/" + agentId + "/archive");
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.field("status")).isEqualTo("archived");
        assertThat(alice.api().get("/agents").json().path("agents").findValuesAsText("agent_id"))
                .containsExactly(alice.defaultAgentId(), cloneId);
        assertThat(alice.api().get("/agents?include_archived=true").json().path("agents").findValuesAsText("agent_id"))
                .containsExactly(alice.defaultAgentId(), agentId, cloneId);
        assertThat(anonymous().withApiKey(secondKey).get("/account/info").status()).isEqualTo(401);
        assertThat(alice.api().post("/agents/" + agentId + "/regenerate-key").errorCode()).isEqualTo("AGENT_ARCHIVED");

        // delete: gone
        assertThat(alice.api().delete("/agents/" + agentId).status()).isEqualTo(204);
        var gone = alice.api().get("/agents/" + agentId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("AGENT_NOT_FOUND");
        assertThat(alice.api().delete("/agents/" + agentId).status()).isEqualTo(404);
    }

    @Test
    void theDefaultAgentExistsFromRegistrationAndIsProtected() {
        Account bob = register("Bob");
        var info = anonymous().withApiKey(bob.apiKey()).get("/account/info");
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.field("agent_id")).isEqualTo(bob.defaultAgentId());
        assertThat(info.field("display_name")).isEqualTo("Bob");
        assertThat(info.field("starting_balance")).isEqualTo("10000.00");

        var delete = bob.api().delete("/agents/" + bob.defaultAgentId());
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.errorCode()).isEqualTo("DEFAULT_AGENT_PROTECTED");
        assertThat(bob.api().post("/agents/" + bob.defaultAgentId() + "/archive").status()).isEqualTo(409);
    }

    @Test
    void skillFileBriefsAnLlmWithoutRevealingTheKey() {
        Account carol = register("Carol");
        var created = carol.api().post("/agents", Map.of("name", "Scalper", "risk_config", Map.of("max_open_orders", 7)));
        String agentId = created.field("agent_id");
        var skill = carol.api().get("/agents/" + agentId + "/skill.md");
        assertThat(skill.status()).isEqualTo(200);
        assertThat(skill.headers().get("content-type").get(0)).startsWith("text/markdown");
        assertThat(skill.text())
                .contains("# Trading skill: Scalper")
                .contains("X-API-Key")
                .contains("http://localhost:" + port + "/api/v1/trade/order")
                .contains("http://localhost:" + port + "/mcp")
                .contains("| max open orders | 7 |")
                .contains(created.field("api_key").substring(0, 14))
                .doesNotContain(created.field("api_key"));
    }
}
