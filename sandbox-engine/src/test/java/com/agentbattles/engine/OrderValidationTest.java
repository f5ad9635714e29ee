package com.agentbattles.engine;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of decide, at its boundary: the last value that passes and the first that does not. */
class OrderValidationTest {

    private final PriceBoard at100 = board(BTC, "100", "100000");

    private static ErrorCode rejection(OrderDecision decision) {
        assertThat(decision).isInstanceOf(OrderDecision.Rejected.class);
        return ((OrderDecision.Rejected) decision).code();
    }

    private static void accepted(OrderDecision decision) {
        assertThat(decision).isNotInstanceOf(OrderDecision.Rejected.class);
    }

    @Test
    void unknownSymbolIsRefusedFirst() {
        Sandbox sandbox = new Sandbox(d("10000"));
        var request = new OrderRequest("o", "DOGEUSDT", OrderSide.BUY, OrderType.MARKET, d("-1"), null, null);
        assertThat(rejection(sandbox.decide(request, DEFAULT, at100, T0))).isEqualTo(ErrorCode.INVALID_SYMBOL);
    }

    @Test
    void quantityMustBePositiveWithAtMostEightDecimals() {
        Sandbox sandbox = new Sandbox(d("10000"));
        for (String bad : new String[]{"0", "-1", "0.123456789"}) {
            assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, bad), DEFAULT, at100, T0)))
                    .as(bad).isEqualTo(ErrorCode.INVALID_QUANTITY);
        }
        var nullQuantity = new OrderRequest("o", BTC, OrderSide.BUY, OrderType.MARKET, null, null, null);
        assertThat(rejection(sandbox.decide(nullQuantity, DEFAULT, at100, T0))).isEqualTo(ErrorCode.INVALID_QUANTITY);
        accepted(sandbox.decide(market("o", OrderSide.BUY, "0.12345678"), DEFAULT, at100, T0));
        accepted(sandbox.decide(market("o", OrderSide.BUY, "0.123456780000"), DEFAULT, at100, T0));
    }

    @Test
    void limitNeedsAPriceAndTriggeredOrdersATrigger() {
        Sandbox sandbox = new Sandbox(d("10000"));
        var noPrice = new OrderRequest("o", BTC, OrderSide.BUY, OrderType.LIMIT, d("1"), null, d("90"));
        assertThat(rejection(sandbox.decide(noPrice, DEFAULT, at100, T0))).isEqualTo(ErrorCode.INVALID_PRICE);
        assertThat(rejection(sandbox.decide(limit("o", OrderSide.BUY, "1", "0"), DEFAULT, at100, T0))).isEqualTo(ErrorCode.INVALID_PRICE);
        var noTrigger = new OrderRequest("o", BTC, OrderSide.BUY, OrderType.STOP_LOSS, d("1"), d("90"), null);
        assertThat(rejection(sandbox.decide(noTrigger, DEFAULT, at100, T0))).isEqualTo(ErrorCode.INVALID_PRICE);
        assertThat(rejection(sandbox.decide(triggered("o", OrderSide.BUY, OrderType.TAKE_PROFIT, "1", "-5"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.INVALID_PRICE);
    }

    @Test
    void noPriceMeansNoOrder() {
        Sandbox sandbox = new Sandbox(d("10000"));
        var eth = new OrderRequest("o", ETH, OrderSide.BUY, OrderType.LIMIT, d("1"), d("10"), null);
        assertThat(rejection(sandbox.decide(eth, DEFAULT, at100, T0))).isEqualTo(ErrorCode.NO_PRICE_AVAILABLE);
    }

    @Test
    void aHoldingWithoutAPriceLeavesEquityUnknownSoNoOrderIsDecided() {
        Sandbox sandbox = holdingTenAt100();
        PriceBoard ethOnly = board(ETH, "10", "100000");
        var eth = new OrderRequest("o", ETH, OrderSide.BUY, OrderType.MARKET, d("1"), null, null);
        OrderDecision decision = sandbox.decide(eth, DEFAULT, ethOnly, T0);
        assertThat(rejection(decision)).isEqualTo(ErrorCode.NO_PRICE_AVAILABLE);
        assertThat(((OrderDecision.Rejected) decision).message()).contains("BTCUSDT");
    }

    @Test
    void orderValueMustReachOneUsdt() {
        Sandbox sandbox = new Sandbox(d("10000"));
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "0.0099"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.INVALID_QUANTITY);
        accepted(sandbox.decide(market("o", OrderSide.BUY, "0.01"), DEFAULT, at100, T0));
        // a limit order is valued at its limit, not at the market
        assertThat(rejection(sandbox.decide(limit("o", OrderSide.BUY, "0.01", "99"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.INVALID_QUANTITY);
    }

    @Test
    void openOrdersAreCappedButMarketOrdersStillGo() {
        TradingRules rules = withRisk(DEFAULT, new RiskConfig(d("50"), d("25"), d("20"), 2));
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, limit("a", OrderSide.BUY, "1", "90"), rules, at100);
        accept(sandbox, limit("b", OrderSide.BUY, "1", "80"), rules, at100);
        assertThat(rejection(sandbox.decide(limit("c", OrderSide.BUY, "1", "70"), rules, at100, T0)))
                .isEqualTo(ErrorCode.MAX_OPEN_ORDERS_EXCEEDED);
        accepted(sandbox.decide(market("m", OrderSide.BUY, "1"), rules, at100, T0));
        sandbox.cancelled("a");
        accepted(sandbox.decide(limit("c", OrderSide.BUY, "1", "70"), rules, at100, T0));
    }

    @Test
    void orderSizeIsCappedAtAShareOfEquityOnBothSides() {
        TradingRules rules = withRisk(NO_SLIP, new RiskConfig(d("50"), d("100"), d("20"), 50));
        Sandbox sandbox = new Sandbox(d("10000"));
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "50.01"), rules, at100, T0)))
                .isEqualTo(ErrorCode.ORDER_TOO_LARGE);
        accept(sandbox, market("o", OrderSide.BUY, "50"), rules, at100);                     // 5000, fee 5
        accept(sandbox, market("o2", OrderSide.BUY, "30"), rules, board(BTC, "100", "1")); // equity 9995 → 30 × 100 ok
        // equity 9995 − 3 = 9992; selling 50 at 100 = 5000 > 4996
        assertThat(rejection(sandbox.decide(market("s", OrderSide.SELL, "50"), rules, at100, T0)))
                .isEqualTo(ErrorCode.ORDER_TOO_LARGE);
        accepted(sandbox.decide(market("s", OrderSide.SELL, "49.96"), rules, at100, T0));
    }

    @Test
    void positionSizeIsCappedForBuysCountingWhatIsHeld() {
        Sandbox sandbox = holdingTenAt100();                                      // equity 9999
        // (10 + 14.99) × 100 = 2499 ≤ 25 % of 9999 = 2499.75; 15 more would be 2500
        accepted(sandbox.decide(market("o", OrderSide.BUY, "14.99"), NO_SLIP, at100, T0));
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "15"), NO_SLIP, at100, T0)))
                .isEqualTo(ErrorCode.POSITION_LIMIT_EXCEEDED);
        // a resting buy is valued at its limit
        accepted(sandbox.decide(limit("o", OrderSide.BUY, "16", "90"), NO_SLIP, at100, T0));  // 26 × 90 = 2340
    }

    @Test
    void dailyLossStopsBuysButNotSells() {
        TradingRules rules = withRisk(NO_SLIP, LOOSE);
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, market("b", OrderSide.BUY, "50"), rules, at100);       // cash 4995
        Instant morning = Instant.parse("2022-11-07T00:01:00Z");
        sandbox.dayMarked(morning, sandbox.equity(at100));                    // 9995
        sandbox.dayMarked(morning.plusSeconds(60), d("1"));                   // not the first mark of the day: ignored
        assertThat(sandbox.dayStartEquity()).isEqualByComparingTo("9995");

        Instant noon = Instant.parse("2022-11-07T12:00:00Z");
        // 20 % of 9995 = 1999; at 60.02 equity is 7996 → loss 1999: refused; at 60.04 loss 1998: fine
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "1"), rules, board(BTC, "60.02", "1"), noon)))
                .isEqualTo(ErrorCode.DAILY_LOSS_LIMIT);
        accepted(sandbox.decide(market("o", OrderSide.BUY, "1"), rules, board(BTC, "60.04", "1"), noon));
        accepted(sandbox.decide(market("o", OrderSide.SELL, "1"), rules, board(BTC, "60.02", "1"), noon));
        // a new UTC day starts from its own equity
        accepted(sandbox.decide(market("o", OrderSide.BUY, "1"), rules, board(BTC, "60.02", "1"),
                Instant.parse("2022-11-08T00:00:00Z")));
    }

    @Test
    void buysNeedTheCashIncludingTheFee() {
        TradingRules rules = withRisk(NO_SLIP, LOOSE);
        Sandbox sandbox = new Sandbox(d("1000"));
        // 9.99 × 100 = 999 + 0.999 fee = 999.999 ≤ 1000; 10 × 100 + 1 = 1001 > 1000
        accepted(sandbox.decide(market("o", OrderSide.BUY, "9.99"), rules, at100, T0));
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "10"), rules, at100, T0)))
                .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(rejection(sandbox.decide(limit("o", OrderSide.BUY, "10", "100"), rules, at100, T0)))
                .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        accept(sandbox, limit("l", OrderSide.BUY, "5", "100"), rules, at100);     // locks 500.5
        assertThat(rejection(sandbox.decide(market("o", OrderSide.BUY, "5"), rules, at100, T0)))
                .as("locked cash is not available").isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    }

    @Test
    void sellsNeedTheUnlockedHolding() {
        Sandbox empty = new Sandbox(d("10000"));
        assertThat(rejection(empty.decide(market("o", OrderSide.SELL, "1"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.INSUFFICIENT_HOLDINGS);

        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, limit("l", OrderSide.SELL, "4", "120"), DEFAULT, at100);
        assertThat(rejection(sandbox.decide(market("o", OrderSide.SELL, "6.00000001"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.INSUFFICIENT_HOLDINGS);
        accepted(sandbox.decide(market("o", OrderSide.SELL, "6"), DEFAULT, at100, T0));
    }

    @Test
    void anOpenOrderIdCannotBeReused() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, limit("same", OrderSide.BUY, "1", "90"), DEFAULT, at100);
        assertThat(rejection(sandbox.decide(limit("same", OrderSide.BUY, "1", "80"), DEFAULT, at100, T0)))
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
}
