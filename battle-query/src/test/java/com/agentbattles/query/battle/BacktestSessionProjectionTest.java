package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.query.battle.BattleTradingReadModel.BacktestSession;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.ranking;
import static org.assertj.core.api.Assertions.assertThat;

/** A finished historical battle leaves a backtest record per participant ({@code backtest_session}). */
class BacktestSessionProjectionTest {

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-2", "acc-1", WalletMode.FRESH);

    private final ProjectionFixture fixture = BattleTradingGroup.start();
    private final BattleTradingReadModel trading = new BattleTradingReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aStoppedHistoricalBattleLeavesOneSessionPerRankedParticipant() {
        FinalRanking winner = ranking(1, "agent-2", "10500", "5");
        FinalRanking second = ranking(2, "agent-1", "9800", "-2");
        fixture.given(historical.started(60, "agent-1", "agent-2"),
                historical.stopped(BattleStatus.ACTIVE, List.of("agent-1", "agent-2"), winner, second));

        String sessionId = BacktestSessionProjection.sessionId("battle-1", "agent-2");
        assertThat(sessionId).as("derived, so a rebuild gives the same id")
                .isEqualTo(BacktestSessionProjection.sessionId("battle-1", "agent-2"))
                .isNotEqualTo(BacktestSessionProjection.sessionId("battle-1", "agent-1"));
        assertThat(trading.backtest("acc-1", sessionId)).contains(new BacktestSession(sessionId, "battle-1", "agent-2",
                "battle_battle-1", winner, STARTED_AT.plusSeconds(3600)));
        assertThat(trading.backtest("acc-2", sessionId)).as("another account's").isEmpty();
        assertThat(trading.backtests("acc-1", "battle_battle-1", 10, 0)).hasSize(2);
    }

    @Test
    void aLiveBattleLeavesNoBacktest() {
        fixture.given(live.started(0, "agent-1"),
                live.stopped(BattleStatus.ACTIVE, List.of("agent-1"), ranking(1, "agent-1", "10000", "0")));

        assertThat(fixture.count("backtest_session")).isZero();
    }
}
