package com.agentbattles.engine;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Small builders so that each test reads as its hand computation. */
final class Fixtures {

    static final String BTC = "BTCUSDT";
    static final String ETH = "ETHUSDT";
    static final Instant T0 = Instant.parse("2022-11-07T00:00:00Z");

    /** The spec's defaults: fee 0.1 %, slippage clamp(0.1 × notional / volume, 0.01 %, 10 %). */
    static final TradingRules DEFAULT = new TradingRules(List.of(BTC, ETH), FeeSchedule.defaults(), RiskConfig.defaults());

    /** Same fee, no slippage (factor and floor 0), so that setup trades happen at round prices. */
    static final TradingRules NO_SLIP = new TradingRules(List.of(BTC, ETH),
            new FeeSchedule(new BigDecimal("0.1"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("10")),
            RiskConfig.defaults());

    /** No risk limit gets in the way (100 % of equity), to test cash on its own. */
    static final RiskConfig LOOSE = new RiskConfig(new BigDecimal("100"), new BigDecimal("100"), new BigDecimal("20"), 50);

    private Fixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static TradingRules withRisk(TradingRules rules, RiskConfig risk) {
        return new TradingRules(rules.symbols(), rules.fees(), risk);
    }

    static Quote quote(String symbol, String price, String quoteVolume) {
        return new Quote(symbol, d(price), quoteVolume == null ? null : d(quoteVolume), T0);
    }

    static PriceBoard board(String symbol, String price, String quoteVolume) {
        PriceBoard board = new PriceBoard();
        board.update(quote(symbol, price, quoteVolume));
        return board;
    }

    static Candle candle(String symbol, int minute, String open, String high, String low, String close, String quoteVolume) {
        return new Candle(symbol, CandleInterval.ONE_MINUTE, T0.plusSeconds(60L * minute), d(open), d(high), d(low), d(close),
                d("1"), quoteVolume == null ? null : d(quoteVolume), -1);
    }

    static OrderRequest market(String id, OrderSide side, String qty) {
        return new OrderRequest(id, BTC, side, OrderType.MARKET, d(qty), null, null);
    }

    static OrderRequest limit(String id, OrderSide side, String qty, String price) {
        return new OrderRequest(id, BTC, side, OrderType.LIMIT, d(qty), d(price), null);
    }

    static OrderRequest triggered(String id, OrderSide side, OrderType type, String qty, String trigger) {
        return new OrderRequest(id, BTC, side, type, d(qty), null, d(trigger));
    }

    /** Decides and applies; fails the test if the order is not accepted. */
    static OrderDecision accept(Sandbox sandbox, OrderRequest request, TradingRules rules, PriceBoard board) {
        OrderDecision decision = sandbox.decide(request, rules, board, T0);
        assertThat(decision).isNotInstanceOf(OrderDecision.Rejected.class);
        if (decision instanceof OrderDecision.FillsNow now) {
            sandbox.filled(now.fill());
        } else if (decision instanceof OrderDecision.Rests rests) {
            sandbox.placed(rests.order());
        }
        return decision;
    }

    /** 10 000 USDT and 10 BTC bought at exactly 100 (fee 1): cash 8 999, avg entry 100, buy fees 1. */
    static Sandbox holdingTenAt100() {
        Sandbox sandbox = new Sandbox(d("10000"));
        accept(sandbox, market("seed", OrderSide.BUY, "10"), NO_SLIP, board(BTC, "100", "1000000"));
        assertThat(sandbox.cash()).isEqualByComparingTo("8999");
        return sandbox;
    }

    /** Applies executions in order, as an event-sourced owner would. */
    static void apply(Sandbox sandbox, List<Execution> executions) {
        for (Execution execution : executions) {
            if (execution instanceof Execution.Filled filled) {
                sandbox.filled(filled.fill());
            } else {
                sandbox.cancelled(execution.orderId());
            }
        }
    }

    static Fill only(List<Fill> fills) {
        assertThat(fills).hasSize(1);
        return fills.get(0);
    }
}
