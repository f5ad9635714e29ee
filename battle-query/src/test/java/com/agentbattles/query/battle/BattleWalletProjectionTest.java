package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.limitBuy;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static org.assertj.core.api.Assertions.assertThat;

/** Each participant's wallet inside its battle ({@code battle_wallet}), folded with the engine's Sandbox. */
class BattleWalletProjectionTest {

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-2", "acc-1", WalletMode.EXISTING);

    private final ProjectionFixture fixture = BattleTradingGroup.start();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aHistoricalWalletStartsAsCashAndFollowsItsOrdersFillsAndCancels() {
        fixture.given(historical.started(60, "agent-1", "agent-2"));
        assertThat(wallet("battle-1", "agent-1").cash()).isEqualByComparingTo("10000");
        assertThat(wallet("battle-1", "agent-2").cash()).isEqualByComparingTo("10000");

        fixture.given(historical.placed("agent-1", limitBuy("o-1", "0.1", "16000", stepTime(1)), 1),
                historical.placed("agent-1", limitBuy("o-2", "0.1", "15000", stepTime(1)), 1));
        WalletHoldings locked = wallet("battle-1", "agent-1");
        assertThat(locked.lockedCash()).isEqualByComparingTo("3100");
        assertThat(locked.cash()).isEqualByComparingTo("6900");
        assertThat(locked.openOrders()).hasSize(2);

        fixture.given(historical.filled("agent-1", fill("o-1", OrderSide.BUY, OrderType.LIMIT, "0.1", "16000", null,
                        stepTime(2)), 2),
                historical.orderCancelled("agent-1", "o-2", 2, stepTime(2)));
        WalletHoldings filled = wallet("battle-1", "agent-1");
        assertThat(filled.lockedCash()).isEqualByComparingTo("0");
        assertThat(filled.cash()).isEqualByComparingTo("8398.4"); // 10000 − 1600 − 1.6 fee
        assertThat(filled.openOrders()).isEmpty();
        assertThat(filled.positions()).singleElement().satisfies(held -> {
            assertThat(held.symbol()).isEqualTo(BattleFacts.SYMBOL);
            assertThat(held.quantity()).isEqualByComparingTo("0.1");
        });
        assertThat(wallet("battle-1", "agent-2").cash()).as("the other participant's wallet").isEqualByComparingTo("10000");
    }

    @Test
    void aLiveWalletStartsAsProvisionedAndEndsAsClosed() {
        fixture.given(live.started(0, "agent-1"));
        assertThat(fixture.count("battle_wallet")).as("no live wallet before it is provisioned").isZero();

        fixture.given(live.provisioned("agent-1", WalletHoldings.cashOnly(new BigDecimal("2500"))),
                live.filled("agent-1", fill("l-1", OrderSide.BUY, OrderType.MARKET, "0.01", "16500", null,
                        BattleFacts.STARTED_AT.plusSeconds(3)), 0));
        assertThat(wallet("battle-2", "agent-1").cash()).isEqualByComparingTo("2334.835"); // 2500 − 165 − 0.165

        WalletHoldings closing = WalletHoldings.cashOnly(new BigDecimal("2499"));
        fixture.given(live.walletClosed("agent-1", closing));
        assertThat(wallet("battle-2", "agent-1").cash()).isEqualByComparingTo("2499");
        assertThat(wallet("battle-2", "agent-1").positions()).isEmpty();
    }

    private static WalletHoldings wallet(String battleId, String agentId) {
        return BattleJson.holdings(ProjectionFixture.jdbc()
                .sql("SELECT holdings::text FROM battle_wallet WHERE battle_id = ? AND agent_id = ?")
                .params(battleId, agentId).query(String.class).single());
    }
}
