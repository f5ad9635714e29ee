package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;

import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static com.agentbattles.query.support.BattleFacts.valued;
import static org.assertj.core.api.Assertions.assertThat;

/** Where each battle's clock stands ({@code battle_progress}). */
class BattleClockProjectionTest {

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-2", "acc-1", WalletMode.EXISTING);

    private final ProjectionFixture fixture = BattleTradingGroup.start();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aHistoricalBattleStartsAtStepZeroOfItsWindow() {
        fixture.given(historical.started(60, "agent-1", "agent-2"));

        var progress = BattleTradingGroup.progress("battle-1");
        assertThat(progress.get("step")).isEqualTo(0L);
        assertThat(progress.get("total_steps")).isEqualTo(60L);
        assertThat((java.math.BigDecimal) progress.get("starting_balance")).isEqualByComparingTo("10000");
        assertThat(progress.get("virtual_time")).isEqualTo(Timestamp.from(stepTime(0)));
        assertThat(progress.get("prices")).isEqualTo("{}");
        assertThat(progress.get("live")).isEqualTo(false);
        assertThat(progress.get("snapshot_interval_ms")).as("the candle interval").isEqualTo(60_000L);
        assertThat(progress.get("started_at")).isEqualTo(Timestamp.from(STARTED_AT));
        assertThat(progress.get("wallet_mode")).isNull();
    }

    @Test
    void stepsMoveTheClockAndKeepEachPairsLastPriceAndALateStepDoesNotMoveItBack() {
        fixture.given(historical.started(60, "agent-1"),
                historical.stepped(1, 60, "16500.5", valued("agent-1", "10000", 0)),
                historical.stepped(2, 60, "16480", valued("agent-1", "10000", 0)));

        var progress = BattleTradingGroup.progress("battle-1");
        assertThat(progress.get("step")).isEqualTo(2L);
        assertThat(progress.get("virtual_time")).isEqualTo(Timestamp.from(stepTime(2)));
        assertThat(progress.get("prices")).isEqualTo("{\"BTCUSDT\": \"16480\"}");

        fixture.given(historical.stepped(1, 60, "1", valued("agent-1", "10000", 0)));
        assertThat(BattleTradingGroup.progress("battle-1").get("step")).isEqualTo(2L);
        assertThat(BattleTradingGroup.progress("battle-1").get("prices")).isEqualTo("{\"BTCUSDT\": \"16480\"}");
    }

    @Test
    void stepsInOneBatchLeaveTheClockAtTheLastOne() {
        fixture.given(historical.started(60, "agent-1"));
        fixture.givenInOneBatch(historical.stepped(1, 60, "16500", valued("agent-1", "10000", 0)),
                historical.stepped(2, 60, "16510", valued("agent-1", "10001", 0)),
                historical.stepped(3, 60, "16520", valued("agent-1", "10002", 0)));

        assertThat(BattleTradingGroup.progress("battle-1").get("step")).isEqualTo(3L);
        assertThat(BattleTradingGroup.progress("battle-1").get("prices")).isEqualTo("{\"BTCUSDT\": \"16520\"}");
    }

    @Test
    void aLiveBattlesClockIsItsSnapshotSequence() {
        fixture.given(live.started(0, "agent-1"), live.snapshot(1, "16500", valued("agent-1", "10000", 0)),
                live.snapshot(2, "16600.25", valued("agent-1", "10010", 0)));

        var progress = BattleTradingGroup.progress("battle-2");
        assertThat(progress.get("step")).isEqualTo(2L);
        assertThat(progress.get("total_steps")).isEqualTo(0L);
        assertThat(progress.get("virtual_time")).isNull();
        assertThat(progress.get("live")).isEqualTo(true);
        assertThat(progress.get("snapshot_interval_ms")).isEqualTo(5_000L);
        assertThat(progress.get("wallet_mode")).isEqualTo("existing");
        assertThat(progress.get("prices")).isEqualTo("{\"BTCUSDT\": \"16600.25\"}");
    }
}
