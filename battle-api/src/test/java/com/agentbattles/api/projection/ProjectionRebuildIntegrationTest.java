package com.agentbattles.api.projection;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.api.support.ProjectionRebuilder;
import com.agentbattles.api.support.ReadModels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Read models are disposable: cleared and replayed from the event log, they come back identical. */
class ProjectionRebuildIntegrationTest extends IntegrationTest {

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayingTheLogRebuildsEveryReadModelIdentically() {
        Account alice = register("Alice");
        Account bob = register("Bob");
        String a1 = alice.api().post("/agents", Map.of("name", "one", "starting_balance", "1234.5")).field("agent_id");
        String a2 = alice.api().post("/agents", Map.of("name", "two")).field("agent_id");
        String b1 = bob.api().post("/agents", Map.of("name", "three")).field("agent_id");
        alice.api().put("/agents/" + a1, Map.of("risk_config", Map.of("max_open_orders", 3)));
        alice.api().post("/agents/" + a1 + "/regenerate-key");
        alice.api().post("/agents/" + a1 + "/reset", Map.of("starting_balance", 99));
        alice.api().post("/agents/" + a1 + "/clone");
        alice.api().post("/agents/" + a2 + "/archive");
        bob.api().delete("/agents/" + b1);

        // every read table of this shared server: whatever the other tests left (battles, trades,
        // wallets, snapshots) is rebuilt too
        Map<String, List<String>> before = ReadModels.snapshot(jdbc);
        assertThat(before.get("agent_view")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(before.keySet()).contains("account_view", "api_credential", "battle_view", "battle_snapshot",
                "agent_wallet", "agent_order");

        jdbc.sql("DELETE FROM agent_view").update();
        assertThat(alice.api().get("/agents").json().path("agents")).isEmpty();

        rebuilder.rebuild(List.of());

        assertThat(ReadModels.snapshot(jdbc)).isEqualTo(before);
        assertThat(alice.api().get("/agents").json().path("agents")).hasSize(3);
        assertThat(anonymous().withApiKey(bob.apiKey()).get("/account/info").status()).isEqualTo(200);
    }

    @Test
    void operatorsRebuildOverHttpWithTheAdminKey() {
        register("Dana");
        assertThat(anonymous().get("/admin/projections").status()).isEqualTo(401);
        var wrongKey = anonymous().withHeader("X-Admin-Key", "wrong").get("/admin/projections");
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.errorCode()).isEqualTo("PERMISSION_DENIED");

        var admin = anonymous().withHeader("X-Admin-Key", "test-admin-key");
        assertThat(admin.get("/admin/projections").json().path("projections").toString()).contains("\"agents\"");
        var rebuilt = admin.post("/admin/projections/rebuild", Map.of("projections", List.of("agents")));
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().path("projections").get(0).asText()).isEqualTo("agents");
        assertThat(rebuilt.json().path("events").asLong()).isPositive();
        var unknown = admin.post("/admin/projections/rebuild", Map.of("projections", List.of("nope")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("details").path("known").toString()).contains("agents");
    }

    @Test
    void anUnknownProjectionIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rebuilder.rebuild(List.of("no-such-projection")))
                .hasMessageContaining("no projection named no-such-projection");
        assertThat(rebuilder.projections()).contains("accounts", "agents", "credentials");
    }
}
