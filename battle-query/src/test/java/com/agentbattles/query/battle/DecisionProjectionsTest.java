package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.limitBuy;
import static com.agentbattles.query.support.BattleFacts.valued;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How participants played the agents' clock ({@code battle_decisions}) and their decision
 * timeline ({@code battle_decision_notes}), from the readiness, time-out and order events.
 */
class DecisionProjectionsTest {

    private final BattleFacts battle = BattleFacts.historical("battle-1", "acc-1");
    private final ProjectionFixture fixture = BattleTradingGroup.start();
    private final BattleTradingReadModel reads = new BattleTradingReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void decisionTimesRunFromTheStepsOpeningAndATimeOutCountsForTheOnesItSkipped() {
        Instant closedStep0 = STARTED_AT.plusSeconds(3);
        fixture.given(battle.started(10, "quick", "slow"),
                new ParticipantReady("battle-1", "acc-1", "quick", 0, STARTED_AT.plusSeconds(1)),
                new ParticipantReady("battle-1", "acc-1", "slow", 0, closedStep0),
                battle.stepped(1, 10, "16500", valued("quick", "10000", 0), valued("slow", "10000", 0)),
                new ParticipantReady("battle-1", "acc-1", "quick", 1, closedStep0.plusMillis(500)),
                new StepTimedOut("battle-1", "acc-1", 1, List.of("slow"), closedStep0.plusSeconds(30)));

        Map<String, BattleTradingReadModel.ClockPlay> play = reads.clockPlay("battle-1");
        assertThat(play.get("quick")).isEqualTo(new BattleTradingReadModel.ClockPlay(2, 0, 500L, 1000L));
        assertThat(play.get("slow")).isEqualTo(new BattleTradingReadModel.ClockPlay(1, 1, 3000L, 3000L));
        // a redelivered readiness changes nothing
        fixture.given(new ParticipantReady("battle-1", "acc-1", "quick", 1, closedStep0.plusSeconds(9)));
        assertThat(reads.clockPlay("battle-1").get("quick").p95DecisionMs()).isEqualTo(1000L);
    }

    @Test
    void theTimelineHoldsOrdersAsPlacedWithTheirNotesButNotTheMarketsLaterFills() {
        Instant at = STARTED_AT.plusSeconds(5);
        fixture.given(battle.started(10, "agent-1"),
                new OrderPlaced("battle-1", "acc-1", "agent-1", limitBuy("bid-1", "0.1", "16000", at), 1, "a dip to buy"),
                new OrderFilled("battle-1", "acc-1", "agent-1",
                        fill("mkt-1", OrderSide.BUY, OrderType.MARKET, "0.1", "16500", null, at), 1, "momentum"),
                // the bid filling later is the market's doing, not a decision
                battle.filled("agent-1", fill("bid-1", OrderSide.BUY, OrderType.LIMIT, "0.1", "16000", null, at), 4),
                new ParticipantReady("battle-1", "acc-1", "agent-1", 1, at, "waiting for the close"));

        var page = reads.decisions("battle-1", null, 10, 0);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.decisions()).extracting(BattleTradingReadModel.DecisionNote::outcome)
                .containsExactly("open", "filled", null);
        assertThat(page.decisions()).extracting(BattleTradingReadModel.DecisionNote::rationale)
                .containsExactly("a dip to buy", "momentum", "waiting for the close");
        assertThat(reads.decisions("battle-1", "agent-1", 1, 2).decisions()).singleElement()
                .extracting(BattleTradingReadModel.DecisionNote::kind).isEqualTo("done_with_step");
    }
}
