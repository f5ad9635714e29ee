package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.domain.trading.WalletHoldings.Holding;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;

import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.SNAPSHOT_INTERVAL;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static com.agentbattles.query.support.BattleFacts.valued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each participant's baseline, elimination and equity snapshots ({@code battle_standing}, {@code battle_snapshot}). */
class BattleEquityProjectionTest {

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts existing = BattleFacts.live("battle-2", "acc-1", WalletMode.EXISTING);
    private final BattleFacts fresh = BattleFacts.live("battle-3", "acc-1", WalletMode.FRESH);

    private final ProjectionFixture fixture = BattleTradingGroup.start();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyParticipantStandsInJoiningOrderAgainstTheStartingBalance() {
        fixture.given(historical.started(60, "agent-2", "agent-1"));

        assertThat(standings("battle-1")).extracting(r -> r.get("agent_id"), r -> r.get("join_order"), r -> r.get("eliminated_at"))
                .containsExactly(tuple("agent-2", 0, null), tuple("agent-1", 1, null));
        assertThat(standings("battle-1")).allSatisfy(r ->
                assertThat((BigDecimal) r.get("baseline")).isEqualByComparingTo("10000"));
    }

    @Test
    void eachStepSnapshotsEveryValuedParticipantWithItsRoi() {
        fixture.given(historical.started(60, "agent-1", "agent-2"),
                historical.stepped(1, 60, "16500", valued("agent-1", "10250", 1), valued("agent-2", "9900", 0)));

        var snapshots = BattleTradingGroup.rows("""
                SELECT step, agent_id, virtual_time, recorded_at, equity, roi_pct, trade_count FROM battle_snapshot
                WHERE battle_id = ? ORDER BY step, agent_id""", "battle-1");
        assertThat(snapshots).hasSize(2);
        var first = snapshots.get(0);
        assertThat(first.get("agent_id")).isEqualTo("agent-1");
        assertThat(first.get("virtual_time")).isEqualTo(Timestamp.from(stepTime(1)));
        assertThat(first.get("recorded_at")).as("when the step was recorded")
                .isEqualTo(Timestamp.from(ProjectionFixture.FIRST_EVENT_AT.plusSeconds(1)));
        assertThat((BigDecimal) first.get("equity")).isEqualByComparingTo("10250");
        assertThat((BigDecimal) first.get("roi_pct")).isEqualByComparingTo("2.5");
        assertThat(first.get("trade_count")).isEqualTo(1L);
        assertThat((BigDecimal) snapshots.get(1).get("roi_pct")).isEqualByComparingTo("-1");
    }

    @Test
    void aRedeliveredStepAddsNoSnapshotAndAStepOfAnUnstartedBattleNone() {
        var step = historical.stepped(1, 60, "16500", valued("agent-1", "10250", 1));
        fixture.given(historical.started(60, "agent-1"), step, step,
                BattleFacts.historical("battle-9", "acc-1").stepped(1, 60, "1", valued("agent-1", "1", 0)));

        assertThat(fixture.count("battle_snapshot")).isEqualTo(1);
    }

    @Test
    void aParticipantNeverProvisionedLeavesTheStandings() {
        fixture.given(fresh.started(0, "agent-1", "agent-2"),
                new ParticipantNotProvisioned("battle-3", "acc-1", "agent-2", ErrorCode.WALLET_IN_BATTLE, "in battle other",
                        ProjectionFixture.FIRST_EVENT_AT));

        assertThat(standings("battle-3")).extracting(r -> r.get("agent_id")).containsExactly("agent-1");
    }

    @Test
    void anEliminationIsRecordedOnTheStanding() {
        fixture.given(historical.started(60, "agent-1", "agent-2"),
                historical.eliminated("agent-2", "4990", 12, stepTime(12)));

        assertThat(standings("battle-1")).extracting(r -> r.get("agent_id"), r -> r.get("eliminated_at"))
                .containsExactly(tuple("agent-1", null), tuple("agent-2", Timestamp.from(stepTime(12))));
    }

    @Test
    void anExistingWalletIsMeasuredAgainstItsValueAtCostAndAFreshOneAgainstTheStartingBalance() {
        WalletHoldings own = new WalletHoldings(new BigDecimal("5000"), new BigDecimal("3000"), BigDecimal.ZERO,
                List.of(new Holding(BattleFacts.SYMBOL, new BigDecimal("0.1"), BigDecimal.ZERO, new BigDecimal("20000"),
                        BigDecimal.ONE, STARTED_AT)), List.of(), BigDecimal.ZERO, BigDecimal.ZERO);
        fixture.given(existing.started(0, "agent-1"), existing.provisioned("agent-1", own),
                fresh.started(0, "agent-1"), fresh.provisioned("agent-1", own));

        assertThat((BigDecimal) standings("battle-2").get(0).get("baseline")).isEqualByComparingTo("5000");
        assertThat((BigDecimal) standings("battle-3").get(0).get("baseline")).isEqualByComparingTo("10000");
    }

    @Test
    void aLiveSnapshotValuesTheParticipantsAtItsTimeAgainstTheirBaselines() {
        WalletHoldings own = WalletHoldings.cashOnly(new BigDecimal("2000"));
        fixture.given(existing.started(0, "agent-1", "agent-2"), existing.provisioned("agent-1", own),
                existing.snapshot(1, "16500", valued("agent-1", "2100", 2), valued("agent-2", "9000", 0),
                        valued("stranger", "1", 0)));

        var snapshots = BattleTradingGroup.rows("""
                SELECT step, agent_id, virtual_time, recorded_at, roi_pct, trade_count FROM battle_snapshot
                WHERE battle_id = ? ORDER BY agent_id""", "battle-2");
        assertThat(snapshots).extracting(r -> r.get("agent_id")).as("only participants").containsExactly("agent-1", "agent-2");
        assertThat(snapshots.get(0).get("step")).isEqualTo(1L);
        assertThat(snapshots.get(0).get("virtual_time")).isNull();
        assertThat(snapshots.get(0).get("recorded_at")).isEqualTo(Timestamp.from(STARTED_AT.plus(SNAPSHOT_INTERVAL)));
        assertThat((BigDecimal) snapshots.get(0).get("roi_pct")).isEqualByComparingTo("5");
        assertThat((BigDecimal) snapshots.get(1).get("roi_pct")).isEqualByComparingTo("-10");
    }

    private static List<java.util.Map<String, Object>> standings(String battleId) {
        return BattleTradingGroup.rows("""
                SELECT agent_id, join_order, baseline, eliminated_at FROM battle_standing
                WHERE battle_id = ? ORDER BY join_order""", battleId);
    }
}
