package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.limitBuy;
import static com.agentbattles.query.support.BattleFacts.ranking;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static com.agentbattles.query.support.BattleFacts.valued;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The battle-trading read models as one processing group: one processor and one token for all
 * of them, one reset that empties every table, and a replay that gives back every row.
 */
class BattleTradingGroupTest {

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-2", "acc-1", WalletMode.EXISTING);

    private final ProjectionFixture fixture = BattleTradingGroup.start();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theTradingReadModelsShareTheBattleTradingProcessor() {
        assertThat(fixture.processors()).containsExactly(BattleTradingProjection.NAME);
        assertThat(BattleTradingProjection.NAME).as("the processing group whose token must not move")
                .isEqualTo("battle-trading");
    }

    @Test
    void aResetEmptiesEveryTableOfTheGroupAndAReplayGivesEveryRowBack() {
        fixture.given(history());
        assertThat(BattleTradingGroup.TABLES).allSatisfy(table ->
                assertThat(fixture.count(table)).as(table).isPositive());

        fixture.reset();
        assertThat(BattleTradingGroup.TABLES).allSatisfy(table ->
                assertThat(fixture.count(table)).as(table + " after the reset").isZero());

        fixture.replay();
        fixture.assertReplayReproducesEveryRow();
    }

    /** A historical and a live battle with every kind of event the group folds. */
    private Object[] history() {
        return new Object[]{
                historical.started(60, "agent-1", "agent-2"),
                historical.placed("agent-1", limitBuy("o-1", "0.1", "16000", stepTime(0)), 0),
                historical.filled("agent-2", fill("m-1", OrderSide.BUY, OrderType.MARKET, "0.1", "16100", null, stepTime(0)), 0),
                historical.filled("agent-1", fill("o-1", OrderSide.BUY, OrderType.LIMIT, "0.1", "16000", null, stepTime(1)), 1),
                new com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady("battle-1", "acc-1", "agent-1", 0,
                        BattleFacts.STARTED_AT.plusSeconds(2), "done"),
                new com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut("battle-1", "acc-1", 0,
                        List.of("agent-2"), BattleFacts.STARTED_AT.plusSeconds(30)),
                historical.stepped(1, 60, "15990", valued("agent-1", "9998", 1), valued("agent-2", "9987", 1)),
                historical.rejected("agent-2", "r-1", "not enough cash", 1, stepTime(1)),
                historical.placed("agent-2", limitBuy("o-2", "0.1", "15000", stepTime(1)), 1),
                historical.orderCancelled("agent-2", "o-2", 2, stepTime(2)),
                historical.stepped(2, 60, "16010", valued("agent-1", "10000", 1), valued("agent-2", "9989", 1)),
                historical.eliminated("agent-2", "4990", 2, stepTime(2)),
                historical.stopped(BattleStatus.ACTIVE, List.of("agent-1", "agent-2"),
                        ranking(1, "agent-1", "10000", "0"), ranking(2, "agent-2", "4990", "-50.1")),
                live.started(0, "agent-1"),
                live.provisioned("agent-1", WalletHoldings.cashOnly(new BigDecimal("2500"))),
                live.filled("agent-1", fill("l-1", OrderSide.BUY, OrderType.MARKET, "0.01", "16500", null,
                        BattleFacts.STARTED_AT.plusSeconds(3)), 0),
                live.snapshot(1, "16520", valued("agent-1", "2499.7", 1)),
                live.snapshot(2, "16530", valued("agent-1", "2499.8", 1)),
        };
    }
}
