package com.agentbattles.engine;

import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.domain.trading.Fill;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.agentbattles.engine.Fixtures.BTC;
import static com.agentbattles.engine.Fixtures.ETH;
import static com.agentbattles.engine.Fixtures.T0;
import static com.agentbattles.engine.Fixtures.candle;
import static com.agentbattles.engine.Fixtures.d;
import static com.agentbattles.engine.Fixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buy-and-hold baseline worked by hand (python3 Decimal, independent of the engine): 10,000
 * USDT over BTCUSDT and ETHUSDT, 5,000 each, the spec's default costs (fee 0.1 %, slippage
 * clamp(0.1 × notional / quote volume, 0.01 %, 10 %)).
 */
class BuyAndHoldTest {

    private static BattleStepped step(long step, Candle... candles) {
        return new BattleStepped("b1", "acc", step, 3, T0.plusSeconds(60 * step), List.of(candles), List.of());
    }

    private static BuyAndHold baseline() {
        return new BuyAndHold(d("10000"), List.of(BTC, ETH), FeeSchedule.defaults());
    }

    private static void assertValue(BaselineValue value, String equity, String roi, String pnl) {
        assertThat(value.equity()).isEqualByComparingTo(equity);
        assertThat(value.roiPct()).isEqualByComparingTo(roi);
        assertThat(value.totalPnl()).isEqualByComparingTo(pnl);
    }

    @Test
    void eachPairIsBoughtAtItsFirstPriceWithTheBattlesCostsAndHeld() {
        BuyAndHold baseline = baseline();
        assertThat(baseline.value()).as("no price yet: no baseline").isNull();

        // step 1: only BTC has a candle. Share 5000; slippage of the whole share 0.1 × 5000 / 1,000,000 = 0.05 %
        // bounds the price at 50025 → q = 5000 / (50025 × 1.001) = 0.09985017 (down to 8 dp); its own notional
        // 4992.5085 slips 0.04992508 % → price 50024.96254 (rounded up), notional 4995.00101386, fee 4.99500101
        assertThat(baseline.apply(step(1, candle(BTC, 0, "50000", "50000", "50000", "50000", "1000000")))).isTrue();
        Fill btc = baseline.fills().get(0);
        assertThat(btc.quantity()).isEqualByComparingTo("0.09985017");
        assertThat(btc.price()).isEqualByComparingTo("50024.96254");
        assertThat(btc.fee()).isEqualByComparingTo("4.99500101");
        assertThat(btc.total()).isEqualByComparingTo("4999.99601487");
        // cash 5000.00398513 + 0.09985017 × 50000
        assertValue(baseline.value(), "9992.51248513", "-0.07487515", "-7.48751487");
        assertThat(baseline.value().holdings()).containsOnlyKeys(BTC);

        // step 2: ETH's first price. Volume 1e9: slippage at the 0.01 % floor → 2000.2; q = 5000 / (2000.2 × 1.001)
        // = 2.49725277, notional 4995.00499055, fee 4.99500499; what is left: 0.00398959 USDT
        baseline.apply(step(2, candle(BTC, 1, "50000", "50000", "50000", "50000", "1000000"),
                candle(ETH, 1, "2000", "2000", "2000", "2000", "1000000000")));
        Fill eth = baseline.fills().get(1);
        assertThat(eth.quantity()).isEqualByComparingTo("2.49725277");
        assertThat(eth.price()).isEqualByComparingTo("2000.2");
        assertThat(eth.total()).isEqualByComparingTo("4999.99999554");
        assertThat(baseline.cash()).isEqualByComparingTo("0.00398959");
        assertValue(baseline.value(), "9987.01802959", "-0.12981970", "-12.98197041");

        // step 3: held, valued at 55000 and 1800: 0.00398959 + 0.09985017 × 55000 + 2.49725277 × 1800
        baseline.apply(step(3, candle(BTC, 2, "55000", "55000", "55000", "55000", "1000000"),
                candle(ETH, 2, "1800", "1800", "1800", "1800", "1000000000")));
        assertValue(baseline.value(), "9986.81832559", "-0.13181674", "-13.18167441");
        assertThat(baseline.value().holdings()).containsEntry(BTC, d("0.09985017")).containsEntry(ETH, d("2.49725277"));
        assertThat(baseline.fills()).hasSize(2);

        // a participant at roi 1.5 % beat it by 1.5 − (−0.13181674)
        assertThat(BaselineValue.excessRoiPct(d("1.5"), baseline.value())).isEqualByComparingTo("1.63181674");
        assertThat(BaselineValue.excessRoiPct(d("1.5"), null)).isNull();
    }

    @Test
    void aSnapshotFoldedTwiceChangesNothing() {
        BuyAndHold baseline = baseline();
        BattleStepped first = step(1, candle(BTC, 0, "50000", "50000", "50000", "50000", "1000000"),
                candle(ETH, 0, "2000", "2000", "2000", "2000", "1000000000"));
        baseline.apply(first);
        BaselineValue once = baseline.value();
        assertThat(baseline.apply(first)).isFalse();
        assertThat(baseline.value()).isEqualTo(once);
        assertThat(baseline.fills()).hasSize(2);
    }

    @Test
    void liveSnapshotsBuyAtTheirRecordedQuotes() {
        BuyAndHold baseline = baseline();
        baseline.apply(new LiveSnapshotTaken("b1", "acc", 1, T0, List.of(quote(BTC, "50000", "1000000"),
                quote(ETH, "2000", "1000000000")), List.of()));
        assertValue(baseline.value(), "9987.01802959", "-0.12981970", "-12.98197041");
    }

    @Test
    void anUnknownQuoteVolumePaysTheSlippageCeiling() {
        BuyAndHold baseline = new BuyAndHold(d("1000"), List.of(BTC), FeeSchedule.defaults());
        baseline.observe(1, List.of(quote(BTC, "100", null)));
        Fill fill = baseline.fills().get(0);
        // 10 % ceiling: 110 per coin, q = 1000 / (110 × 1.001) = 9.08182726, notional 999.0009986, fee 0.999001
        assertThat(fill.price()).isEqualByComparingTo("110");
        assertThat(fill.quantity()).isEqualByComparingTo("9.08182726");
        assertThat(fill.total()).isLessThanOrEqualTo(d("1000"));
        assertThat(fill.total().add(fill.price().multiply(new BigDecimal("0.00000002")))).isGreaterThan(d("1000"));
    }

    @Test
    void survivesAJsonRoundTripAndKeepsFolding() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        BuyAndHold baseline = baseline();
        baseline.apply(step(1, candle(BTC, 0, "50000", "50000", "50000", "50000", "1000000")));
        BuyAndHold restored = mapper.readValue(mapper.writeValueAsString(baseline), BuyAndHold.class);
        BattleStepped next = step(2, candle(BTC, 1, "50000", "50000", "50000", "50000", "1000000"),
                candle(ETH, 1, "2000", "2000", "2000", "2000", "1000000000"));
        baseline.apply(next);
        restored.apply(next);
        assertThat(restored.value()).isEqualTo(baseline.value());
        assertThat(restored.step()).isEqualTo(2);
    }
}
