package com.agentbattles.engine;

import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/trading-rules.md, figure by figure. */
class WorkedExampleTest {

    @Test
    void theDocumentedExampleHolds() {
        PriceBoard board = board(BTC, "100", "100000");
        Sandbox sandbox = new Sandbox(d("10000"));

        accept(sandbox, market("m", OrderSide.BUY, "10"), DEFAULT, board);
        assertThat(sandbox.cash()).isEqualByComparingTo("8997.999");

        accept(sandbox, limit("sell", OrderSide.SELL, "4", "110"), DEFAULT, board);
        var breakout = (OrderDecision.Rests) accept(sandbox, triggered("breakout", OrderSide.BUY, OrderType.STOP_LOSS, "2", "110"), DEFAULT, board);
        assertThat(breakout.order().locked()).isEqualByComparingTo("242.242");
        assertThat(sandbox.cash()).isEqualByComparingTo("8755.757");

        List<Fill> fills = sandbox.fillsOn(candle(BTC, 1, "112", "115", "111", "113", "100000"), DEFAULT);
        assertThat(fills).extracting(Fill::orderId).containsExactly("breakout", "sell");
        Fill buy = fills.get(0);
        assertThat(buy.referencePrice()).isEqualByComparingTo("112");
        assertThat(buy.slippagePct()).isEqualByComparingTo("0.0224");
        assertThat(buy.price()).isEqualByComparingTo("112.025088");
        assertThat(buy.fee()).isEqualByComparingTo("0.22405018");
        assertThat(buy.total()).isEqualByComparingTo("224.27422618");
        Fill sell = fills.get(1);
        assertThat(sell.price()).isEqualByComparingTo("112");
        assertThat(sell.total()).isEqualByComparingTo("447.552");
        assertThat(sell.realizedPnl()).isEqualByComparingTo("38.79359127");

        fills.forEach(sandbox::filled);
        assertThat(sandbox.cash()).isEqualByComparingTo("9221.27677382");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
        Position left = sandbox.positions().get(0);
        assertThat(left.quantity()).isEqualByComparingTo("8");
        assertThat(left.locked()).isEqualByComparingTo("0");
        assertThat(left.avgEntryPrice()).isEqualByComparingTo("102.087514666667");
        assertThat(left.buyFees()).isEqualByComparingTo("0.81670012");
    }
}
