package com.agentbattles.engine;

import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderSide;
import org.junit.jupiter.api.Test;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class MarketOrderTest {

    @Test
    void buyPaysProportionalSlippageAndFee() {
        Sandbox sandbox = new Sandbox(d("10000"));
        // notional at the reference 10 × 100 = 1000; slippage 0.1 × 1000 / 100 000 = 0.1 %
        OrderDecision decision = sandbox.decide(market("m1", OrderSide.BUY, "10"), DEFAULT, board(BTC, "100", "100000"), T0);

        Fill fill = ((OrderDecision.FillsNow) decision).fill();
        assertThat(fill.referencePrice()).isEqualByComparingTo("100");
        assertThat(fill.price()).isEqualByComparingTo("100.1");
        assertThat(fill.slippagePct()).isEqualByComparingTo("0.1");
        assertThat(fill.fee()).isEqualByComparingTo("1.001");          // 1001 × 0.1 %
        assertThat(fill.total()).isEqualByComparingTo("1002.001");
        assertThat(fill.realizedPnl()).isNull();
        assertThat(fill.executedAt()).isEqualTo(T0);
        assertThat(sandbox.cash()).as("deciding changes nothing").isEqualByComparingTo("10000");

        sandbox.filled(fill);
        assertThat(sandbox.cash()).isEqualByComparingTo("8997.999");
        Position position = sandbox.positions().get(0);
        assertThat(position.quantity()).isEqualByComparingTo("10");
        assertThat(position.avgEntryPrice()).isEqualByComparingTo("100.1");
        assertThat(position.buyFees()).isEqualByComparingTo("1.001");
        assertThat(sandbox.feesPaid()).isEqualByComparingTo("1.001");
    }

    @Test
    void slippageHasAFloor() {
        Sandbox sandbox = new Sandbox(d("10000"));
        // 0.1 × 1000 / 10 000 000 = 0.001 % is below the 0.01 % floor
        Fill fill = ((OrderDecision.FillsNow) sandbox.decide(market("m1", OrderSide.BUY, "10"), DEFAULT,
                board(BTC, "100", "10000000"), T0)).fill();
        assertThat(fill.slippagePct()).isEqualByComparingTo("0.01");
        assertThat(fill.price()).isEqualByComparingTo("100.01");
    }

    @Test
    void slippageHasACeilingAndUnknownVolumeTakesIt() {
        Sandbox sandbox = new Sandbox(d("10000"));
        // 0.1 × 1000 / 500 = 20 % is above the 10 % ceiling
        Fill thin = ((OrderDecision.FillsNow) sandbox.decide(market("m1", OrderSide.BUY, "10"), DEFAULT,
                board(BTC, "100", "500"), T0)).fill();
        assertThat(thin.slippagePct()).isEqualByComparingTo("10");
        assertThat(thin.price()).isEqualByComparingTo("110");

        Fill unknown = ((OrderDecision.FillsNow) sandbox.decide(market("m2", OrderSide.BUY, "10"), DEFAULT,
                board(BTC, "100", null), T0)).fill();
        assertThat(unknown.price()).isEqualByComparingTo("110");
        Fill zero = ((OrderDecision.FillsNow) sandbox.decide(market("m3", OrderSide.BUY, "10"), DEFAULT,
                board(BTC, "100", "0"), T0)).fill();
        assertThat(zero.price()).isEqualByComparingTo("110");
    }

    @Test
    void sellGetsLessAndBooksRealizedPnlWithBothFees() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, market("b", OrderSide.BUY, "10"), DEFAULT, board(BTC, "100", "100000")); // 10 @ 100.1, fee 1.001

        // reference 120, notional 1200 → slippage 0.12 % → 120 × 0.9988 = 119.856
        Fill sell = ((OrderDecision.FillsNow) sandbox.decide(market("s", OrderSide.SELL, "10"), DEFAULT,
                board(BTC, "120", "100000"), T0)).fill();
        assertThat(sell.price()).isEqualByComparingTo("119.856");
        assertThat(sell.fee()).isEqualByComparingTo("1.19856");
        assertThat(sell.total()).isEqualByComparingTo("1197.36144");
        // (119.856 − 100.1) × 10 − 1.19856 − 1.001
        assertThat(sell.realizedPnl()).isEqualByComparingTo("195.36044");

        sandbox.filled(sell);
        assertThat(sandbox.positions()).isEmpty();
        assertThat(sandbox.cash()).isEqualByComparingTo("10195.36044");
        assertThat(sandbox.realizedPnl()).isEqualByComparingTo("195.36044");
        assertThat(sandbox.feesPaid()).isEqualByComparingTo("2.19956");
    }

    @Test
    void partialSellCarriesItsShareOfTheBuyFees() {
        Sandbox sandbox = holdingTenAt100(); // buy fees 1.000
        Fill sell = ((OrderDecision.FillsNow) sandbox.decide(market("s", OrderSide.SELL, "3"), NO_SLIP,
                board(BTC, "110", "100000"), T0)).fill();
        // (110 − 100) × 3 − 0.33 − 1.000 × 3/10
        assertThat(sell.realizedPnl()).isEqualByComparingTo("29.37");
        sandbox.filled(sell);
        Position rest = sandbox.positions().get(0);
        assertThat(rest.quantity()).isEqualByComparingTo("7");
        assertThat(rest.buyFees()).isEqualByComparingTo("0.7");
        assertThat(rest.avgEntryPrice()).isEqualByComparingTo("100");

        Fill last = ((OrderDecision.FillsNow) sandbox.decide(market("s2", OrderSide.SELL, "7"), NO_SLIP,
                board(BTC, "90", "100000"), T0)).fill();
        // (90 − 100) × 7 − 0.63 − 0.7 (all that is left)
        assertThat(last.realizedPnl()).isEqualByComparingTo("-71.33");
        sandbox.filled(last);
        assertThat(sandbox.realizedPnl()).isEqualByComparingTo("-41.96");
        assertThat(sandbox.cash()).as("start + realized once flat").isEqualByComparingTo("9958.04");
    }

    @Test
    void averageEntryIsVolumeWeightedWithoutFees() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, market("b2", OrderSide.BUY, "5"), NO_SLIP, board(BTC, "130", "100000"));
        Position position = sandbox.positions().get(0);
        // (10 × 100 + 5 × 130) / 15 = 110
        assertThat(position.avgEntryPrice()).isEqualByComparingTo("110");
        assertThat(position.buyFees()).isEqualByComparingTo("1.65"); // 1 + 0.65
        assertThat(position.openedAt()).isEqualTo(T0);
    }
}
