package com.agentbattles.query.battle;

import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.limitBuy;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Orders as the agents placed them and every fill ({@code battle_order}, {@code battle_trade}). */
class BattleOrderBookProjectionTest {

    private final BattleFacts battle = BattleFacts.historical("battle-1", "acc-1");

    private final ProjectionFixture fixture = BattleTradingGroup.start();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRestingOrderIsOpenUntilItFillsAndItsFillIsLoggedAtItsPositionInTheLog() {
        fixture.given(battle.started(60, "agent-1"),
                battle.placed("agent-1", limitBuy("o-1", "0.1", "16000", stepTime(1)), 1),
                battle.placed("agent-1", limitBuy("o-2", "0.1", "15000", stepTime(1)), 1));
        assertThat(orders()).extracting(r -> r.get("order_id"), r -> r.get("status"), r -> r.get("order_type"), r -> r.get("step"))
                .containsExactly(tuple("o-1", "open", "limit", 1L), tuple("o-2", "open", "limit", 1L));

        fixture.given(battle.filled("agent-1", fill("o-1", OrderSide.BUY, OrderType.LIMIT, "0.1", "16000", null, stepTime(3)), 3));

        assertThat(orders()).extracting(r -> r.get("order_id"), r -> r.get("status"))
                .containsExactly(tuple("o-1", "filled"), tuple("o-2", "open"));
        Map<String, Object> trade = trades().get(0);
        assertThat(trade.get("seq")).as("the fill's position in the log").isEqualTo(3L);
        assertThat(trade.get("order_id")).isEqualTo("o-1");
        assertThat((BigDecimal) trade.get("price")).isEqualByComparingTo("16000");
        assertThat((BigDecimal) trade.get("fee")).isEqualByComparingTo("1.6");
        assertThat((BigDecimal) trade.get("total")).isEqualByComparingTo("1601.6");
        assertThat(trade.get("realized_pnl")).isNull();
        assertThat(trade.get("step")).isEqualTo(3L);
        assertThat(trade.get("executed_at")).isEqualTo(Timestamp.from(stepTime(3)));
    }

    @Test
    void aMarketOrderAppearsFilledWithItsTrade() {
        fixture.given(battle.started(60, "agent-1"),
                battle.filled("agent-1", fill("m-1", OrderSide.BUY, OrderType.MARKET, "0.2", "16000", null, stepTime(1)), 1),
                battle.filled("agent-1", fill("m-2", OrderSide.SELL, OrderType.MARKET, "0.2", "16100", "17.8", stepTime(2)), 2));

        assertThat(orders()).extracting(r -> r.get("order_id"), r -> r.get("status"), r -> r.get("side"), r -> r.get("order_type"))
                .containsExactly(tuple("m-1", "filled", "buy", "market"), tuple("m-2", "filled", "sell", "market"));
        assertThat(trades()).extracting(r -> r.get("order_id")).containsExactly("m-1", "m-2");
        assertThat((BigDecimal) trades().get(1).get("realized_pnl")).isEqualByComparingTo("17.8");
    }

    @Test
    void aRejectedOrderKeepsItsCodeAndAReasonOfAtMost500Characters() {
        fixture.given(battle.started(60, "agent-1"),
                battle.rejected("agent-1", "r-1", "x".repeat(700), 4, stepTime(4)));

        Map<String, Object> rejected = orders().get(0);
        assertThat(rejected.get("status")).isEqualTo("rejected");
        assertThat(rejected.get("reject_code")).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat((String) rejected.get("reject_reason")).hasSize(500);
        assertThat(rejected.get("created_at")).isEqualTo(Timestamp.from(stepTime(4)));
        assertThat(trades()).isEmpty();
    }

    @Test
    void aCancelledOrderIsCancelledAndARedeliveredFillLogsNothingTwice() {
        var filled = battle.filled("agent-1", fill("o-2", OrderSide.BUY, OrderType.LIMIT, "0.1", "15000", null, stepTime(5)), 5);
        fixture.given(battle.started(60, "agent-1"),
                battle.placed("agent-1", limitBuy("o-1", "0.1", "16000", stepTime(1)), 1),
                battle.placed("agent-1", limitBuy("o-2", "0.1", "15000", stepTime(1)), 1),
                battle.orderCancelled("agent-1", "o-1", 2, stepTime(2)), filled);

        assertThat(orders()).extracting(r -> r.get("order_id"), r -> r.get("status"))
                .containsExactly(tuple("o-1", "cancelled"), tuple("o-2", "filled"));
        assertThat(trades()).hasSize(1);
    }

    private static List<Map<String, Object>> orders() {
        return BattleTradingGroup.rows("SELECT * FROM battle_order WHERE battle_id = ? ORDER BY order_id", "battle-1");
    }

    private static List<Map<String, Object>> trades() {
        return BattleTradingGroup.rows("SELECT * FROM battle_trade WHERE battle_id = ? ORDER BY seq", "battle-1");
    }
}
