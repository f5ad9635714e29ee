package com.agentbattles.engine;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class RestingOrderTest {

    private final PriceBoard at100 = board(BTC, "100", "100000");

    @Test
    void limitBuyLocksItsCostAtTheLimitAndFillsAtTheLimit() {
        Sandbox sandbox = new Sandbox(d("10000"));
        RestingOrder order = ((OrderDecision.Rests) accept(sandbox, limit("l", OrderSide.BUY, "5", "90"), DEFAULT, at100)).order();
        assertThat(order.locked()).isEqualByComparingTo("450.45"); // 450 + 0.45 fee
        assertThat(sandbox.cash()).isEqualByComparingTo("9549.55");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("450.45");

        assertThat(sandbox.fillsOn(candle(BTC, 1, "95", "96", "90.01", "95", "100000"), DEFAULT)).as("low above limit").isEmpty();
        Fill fill = only(sandbox.fillsOn(candle(BTC, 2, "95", "96", "90", "95", "100000"), DEFAULT));
        assertThat(fill.price()).isEqualByComparingTo("90");
        assertThat(fill.slippagePct()).as("limit fills have no slippage").isEqualByComparingTo("0");
        assertThat(fill.total()).isEqualByComparingTo("450.45");
        assertThat(fill.executedAt()).isEqualTo(T0.plusSeconds(180)); // close of minute 2

        sandbox.filled(fill);
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
        assertThat(sandbox.cash()).isEqualByComparingTo("9549.55");
        assertThat(sandbox.openOrders()).isEmpty();
    }

    @Test
    void limitBuyGappedThroughFillsAtTheOpenAndReturnsTheUnusedLock() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, limit("l", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "85", "86", "84", "85", "100000"), DEFAULT));
        assertThat(fill.price()).isEqualByComparingTo("85");
        assertThat(fill.total()).isEqualByComparingTo("425.425");
        sandbox.filled(fill);
        // 9549.55 + 450.45 − 425.425
        assertThat(sandbox.cash()).isEqualByComparingTo("9574.575");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
    }

    @Test
    void limitSellLocksQuantityAndFillsAtTheLimitOrTheGapOpen() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, limit("l", OrderSide.SELL, "10", "110"), DEFAULT, at100);
        assertThat(sandbox.positions().get(0).locked()).isEqualByComparingTo("10");
        assertThat(sandbox.positions().get(0).available()).isEqualByComparingTo("0");

        Fill atLimit = only(sandbox.fillsOn(candle(BTC, 1, "105", "111", "104", "110", "100000"), DEFAULT));
        assertThat(atLimit.price()).isEqualByComparingTo("110");
        assertThat(atLimit.realizedPnl()).isEqualByComparingTo("97.9"); // 100 − 1.1 − 1

        Fill gapped = only(sandbox.fillsOn(candle(BTC, 1, "115", "116", "114", "115", "100000"), DEFAULT));
        assertThat(gapped.price()).isEqualByComparingTo("115");
        assertThat(gapped.total()).isEqualByComparingTo("1148.85");
        assertThat(gapped.realizedPnl()).isEqualByComparingTo("147.85"); // 150 − 1.15 − 1

        sandbox.filled(gapped);
        assertThat(sandbox.positions()).isEmpty();
        assertThat(sandbox.cash()).isEqualByComparingTo("10147.85");
    }

    @Test
    void stopLossSellTriggersOnTheLowAndPaysSlippage() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, triggered("s", OrderSide.SELL, OrderType.STOP_LOSS, "10", "95"), DEFAULT, at100);

        assertThat(sandbox.fillsOn(candle(BTC, 1, "97", "98", "95.01", "97", "100000"), DEFAULT)).isEmpty();
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "97", "98", "94", "95", "100000"), DEFAULT));
        // reference min(95, 97) = 95; notional 950 → slippage 0.095 % → 95 × 0.99905
        assertThat(fill.referencePrice()).isEqualByComparingTo("95");
        assertThat(fill.price()).isEqualByComparingTo("94.90975");
        assertThat(fill.slippagePct()).isEqualByComparingTo("0.095");
        assertThat(fill.fee()).isEqualByComparingTo("0.9490975");
        assertThat(fill.total()).isEqualByComparingTo("948.1484025");
        assertThat(fill.realizedPnl()).isEqualByComparingTo("-52.8515975"); // −50.9025 − 0.9490975 − 1
    }

    @Test
    void stopLossSellGappedDownFillsBelowTheTrigger() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, triggered("s", OrderSide.SELL, OrderType.STOP_LOSS, "10", "95"), DEFAULT, at100);
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "90", "91", "89", "90", "100000"), DEFAULT));
        // reference min(95, 90) = 90; notional 900 → 0.09 % → 90 × 0.9991
        assertThat(fill.referencePrice()).isEqualByComparingTo("90");
        assertThat(fill.price()).isEqualByComparingTo("89.919");
    }

    @Test
    void takeProfitSellTriggersOnTheHighAndStillPaysSlippage() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, triggered("t", OrderSide.SELL, OrderType.TAKE_PROFIT, "10", "110"), DEFAULT, at100);
        assertThat(sandbox.fillsOn(candle(BTC, 1, "105", "109.99", "104", "105", "100000"), DEFAULT)).isEmpty();
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "105", "112", "104", "111", "100000"), DEFAULT));
        assertThat(fill.price()).isEqualByComparingTo("109.879"); // 110 × (1 − 0.0011)
        Fill gapped = only(sandbox.fillsOn(candle(BTC, 1, "120", "121", "119", "120", "100000"), DEFAULT));
        assertThat(gapped.price()).isEqualByComparingTo("119.856"); // 120 × (1 − 0.0012)
    }

    @Test
    void buyStopIsABreakoutBuyLockingRoomForTheSlippageCeiling() {
        Sandbox sandbox = new Sandbox(d("10000"));
        RestingOrder order = ((OrderDecision.Rests) accept(sandbox,
                triggered("b", OrderSide.BUY, OrderType.STOP_LOSS, "5", "110"), DEFAULT, at100)).order();
        // 5 × 110 × 1.10 = 605, plus 0.605 fee
        assertThat(order.locked()).isEqualByComparingTo("605.605");
        assertThat(sandbox.fillsOn(candle(BTC, 1, "105", "109", "100", "105", "100000"), DEFAULT)).isEmpty();

        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "105", "111", "104", "110", "100000"), DEFAULT));
        // reference max(110, 105) = 110; notional 550 → 0.055 % → 110 × 1.00055
        assertThat(fill.price()).isEqualByComparingTo("110.0605");
        assertThat(fill.total()).isEqualByComparingTo("550.8528025");
        Fill gapped = only(sandbox.fillsOn(candle(BTC, 1, "115", "116", "114", "115", "100000"), DEFAULT));
        assertThat(gapped.price()).isEqualByComparingTo("115.066125"); // 115 × 1.000575

        sandbox.filled(fill);
        assertThat(sandbox.cash()).isEqualByComparingTo("9449.1471975");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
    }

    @Test
    void buyTakeProfitBuysTheDip() {
        Sandbox sandbox = new Sandbox(d("10000"));
        RestingOrder order = ((OrderDecision.Rests) accept(sandbox,
                triggered("d", OrderSide.BUY, OrderType.TAKE_PROFIT, "5", "90"), DEFAULT, at100)).order();
        assertThat(order.locked()).isEqualByComparingTo("495.495"); // 5 × 99 + fee
        assertThat(sandbox.fillsOn(candle(BTC, 1, "95", "96", "90.5", "95", "100000"), DEFAULT)).isEmpty();
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "95", "96", "89", "95", "100000"), DEFAULT));
        assertThat(fill.price()).isEqualByComparingTo("90.0405"); // 90 × 1.00045
        Fill gapped = only(sandbox.fillsOn(candle(BTC, 1, "85", "86", "84", "85", "100000"), DEFAULT));
        assertThat(gapped.price()).isEqualByComparingTo("85.036125"); // 85 × 1.000425
    }

    @Test
    void triggeredBuyGappingPastItsLockDrawsOnAvailableCash() {
        TradingRules rules = withRisk(DEFAULT, LOOSE);
        Sandbox sandbox = new Sandbox(d("1000"));
        accept(sandbox, triggered("b", OrderSide.BUY, OrderType.STOP_LOSS, "5", "110"), rules, at100);
        assertThat(sandbox.cash()).isEqualByComparingTo("394.395"); // 1000 − 605.605

        // opens at 150, volume unknown → 10 % → 165; 825 + 0.825 > the lock, but ≤ lock + cash
        Fill fill = only(sandbox.fillsOn(candle(BTC, 1, "150", "151", "149", "150", null), rules));
        assertThat(fill.price()).isEqualByComparingTo("165");
        assertThat(fill.total()).isEqualByComparingTo("825.825");
        sandbox.filled(fill);
        assertThat(sandbox.cash()).isEqualByComparingTo("174.175");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
    }

    @Test
    void triggeredBuyThatCannotBePaidForIsCancelled() {
        TradingRules rules = withRisk(DEFAULT, LOOSE);
        Sandbox sandbox = new Sandbox(d("1000"));
        accept(sandbox, triggered("b", OrderSide.BUY, OrderType.STOP_LOSS, "5", "110"), rules, at100);

        // opens at 300 → 330 × 5 = 1650 + 1.65 > 605.605 + 394.395
        var candle = candle(BTC, 1, "300", "301", "299", "300", null);
        List<Execution> executions = sandbox.executionsOn(candle, rules);
        assertThat(executions).singleElement().isInstanceOfSatisfying(Execution.Cancelled.class, c -> {
            assertThat(c.orderId()).isEqualTo("b");
            assertThat(c.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        });
        assertThat(sandbox.fillsOn(candle, rules)).isEmpty();

        apply(sandbox, executions);
        assertThat(sandbox.openOrders()).isEmpty();
        assertThat(sandbox.cash()).isEqualByComparingTo("1000");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
    }

    @Test
    void aCancelledBuysLockIsNotSpentByALaterBuyOfTheSameCandle() {
        TradingRules rules = withRisk(DEFAULT, LOOSE);
        Sandbox sandbox = new Sandbox(d("600"));
        accept(sandbox, triggered("a", OrderSide.BUY, OrderType.STOP_LOSS, "3", "110"), rules, at100); // locks 363.363
        accept(sandbox, triggered("b", OrderSide.BUY, OrderType.STOP_LOSS, "1", "110"), rules, at100); // locks 121.121
        assertThat(sandbox.cash()).isEqualByComparingTo("115.516");

        // opens at 250, unknown volume → 275. a: 825.825 > 363.363 + 115.516 → cancelled.
        // b: 275.275 > 121.121 + 115.516; it would fit with a's lock, but that is not handed on,
        // so that applying the fills alone (fillsOn) could never overdraw
        List<Execution> executions = sandbox.executionsOn(candle(BTC, 1, "250", "251", "249", "250", null), rules);
        assertThat(executions).extracting(Execution::orderId).containsExactly("a", "b");
        assertThat(executions).allSatisfy(e -> assertThat(e).isInstanceOf(Execution.Cancelled.class));
        apply(sandbox, executions);
        assertThat(sandbox.cash()).isEqualByComparingTo("600");
    }

    @Test
    void stopFillsBeforeTakeProfitInTheSameCandleWhateverThePlacementOrder() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, triggered("tp", OrderSide.SELL, OrderType.TAKE_PROFIT, "5", "105"), DEFAULT, at100);
        accept(sandbox, limit("lim", OrderSide.SELL, "2", "104"), DEFAULT, at100);
        accept(sandbox, triggered("sl", OrderSide.SELL, OrderType.STOP_LOSS, "3", "95"), DEFAULT, at100);

        List<Fill> fills = sandbox.fillsOn(candle(BTC, 1, "100", "106", "94", "100", "100000"), DEFAULT);
        assertThat(fills).extracting(Fill::orderId).containsExactly("sl", "tp", "lim");
    }

    @Test
    void fillsInOneCandleSeeEachOther() {
        Sandbox sandbox = holdingTenAt100();                                    // 10 @ 100, buy fees 1
        accept(sandbox, limit("buy", OrderSide.BUY, "10", "90"), DEFAULT, at100);
        accept(sandbox, limit("sell", OrderSide.SELL, "10", "110"), DEFAULT, at100);

        List<Fill> fills = sandbox.fillsOn(candle(BTC, 1, "100", "111", "89", "100", "100000"), DEFAULT);
        assertThat(fills).extracting(Fill::orderId).containsExactly("buy", "sell");
        // after the buy: 20 @ 95, buy fees 1.9; the sell of 10: (110 − 95) × 10 − 1.1 − 0.95
        assertThat(fills.get(1).realizedPnl()).isEqualByComparingTo("147.95");

        fills.forEach(sandbox::filled);
        assertThat(sandbox.realizedPnl()).isEqualByComparingTo("147.95");
        assertThat(sandbox.positions().get(0).quantity()).isEqualByComparingTo("10");
        assertThat(sandbox.positions().get(0).buyFees()).isEqualByComparingTo("0.95");
    }

    @Test
    void onlyTheCandlesSymbolIsTouched() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, limit("l", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        assertThat(sandbox.fillsOn(candle(ETH, 1, "50", "51", "1", "50", "100000"), DEFAULT)).isEmpty();
    }

    @Test
    void aLivePriceFromBeforeTheOrderWasPlacedNeverFillsIt() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, limit("l", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        var placedAt = sandbox.openOrder("l").orElseThrow().createdAt();

        // a batch of updates may still hold one the agent saw before deciding: history, not a fill
        assertThat(sandbox.fillsOn(new Quote(BTC, d("89"), d("100000"), placedAt.minusMillis(1)), DEFAULT)).isEmpty();
        assertThat(sandbox.fillsOn(new Quote(BTC, d("89"), d("100000"), placedAt), DEFAULT))
                .extracting(Fill::orderId).containsExactly("l");
    }

    @Test
    void aTickIsACandleOfOnePrice() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, limit("l", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        accept(sandbox, triggered("s", OrderSide.SELL, OrderType.STOP_LOSS, "10", "95"), DEFAULT, at100);
        var at = T0.plusMillis(1234);

        assertThat(sandbox.fillsOn(new Quote(BTC, d("95.5"), d("100000"), at), DEFAULT)).isEmpty();
        List<Fill> fills = sandbox.fillsOn(new Quote(BTC, d("89"), d("100000"), at), DEFAULT);
        assertThat(fills).extracting(Fill::orderId).containsExactly("s", "l");
        // the stop sells at the tick: 89 × (1 − 0.089 %); the limit buys at the tick, 89
        assertThat(fills.get(0).price()).isEqualByComparingTo("88.92079");
        assertThat(fills.get(1).price()).isEqualByComparingTo("89");
        assertThat(fills).allSatisfy(f -> assertThat(f.executedAt()).isEqualTo(at));
    }

    @Test
    void cancellingReleasesWhatTheOrderHeld() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, limit("b", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        accept(sandbox, limit("s", OrderSide.SELL, "4", "120"), DEFAULT, at100);
        assertThat(sandbox.cash()).isEqualByComparingTo("8548.55"); // 8999 − 450.45
        assertThat(sandbox.positions().get(0).available()).isEqualByComparingTo("6");

        sandbox.cancelled("b");
        sandbox.cancelled("s");
        sandbox.cancelled("s"); // a retried cancel changes nothing
        assertThat(sandbox.cash()).isEqualByComparingTo("8999");
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
        assertThat(sandbox.positions().get(0).locked()).isEqualByComparingTo("0");
        assertThat(sandbox.openOrders()).isEmpty();
        assertThat(sandbox.fillsOn(candle(BTC, 1, "100", "200", "1", "100", "100000"), DEFAULT)).isEmpty();
    }
}
