package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleReplayerTest {

    private static Candle c(String symbol, int minute) {
        return candle(symbol, minute, "1", "1", "1", "1", "1");
    }

    @Test
    void stepsAlignPairsAndLeaveAMissingCandleOut() {
        Map<String, List<Candle>> data = new LinkedHashMap<>();
        data.put(ETH, List.of(c(ETH, 0), c(ETH, 2)));                 // minute 1 missing
        data.put(BTC, List.of(c(BTC, 0), c(BTC, 1), c(BTC, 2), c(BTC, 3)));
        CandleReplayer replayer = new CandleReplayer(CandleInterval.ONE_MINUTE, T0, T0.plusSeconds(180), data);

        assertThat(replayer.totalSteps()).isEqualTo(3);
        CandleReplayer.Step first = replayer.step(1);
        assertThat(first.openTime()).isEqualTo(T0);
        assertThat(first.closeTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(first.candles()).extracting(Candle::symbol).as("pairs sorted").containsExactly(BTC, ETH);

        CandleReplayer.Step second = replayer.step(2);
        assertThat(second.candles()).extracting(Candle::symbol).containsExactly(BTC);
        assertThat(second.candles().get(0).openTime()).isEqualTo(T0.plusSeconds(60));

        assertThat(replayer.step(3).candles()).extracting(Candle::openTime).containsOnly(T0.plusSeconds(120));
        assertThatThrownBy(() -> replayer.step(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> replayer.step(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aPartialLastIntervalIsNotAStep() {
        CandleReplayer replayer = new CandleReplayer(CandleInterval.FIVE_MINUTES, T0, T0.plusSeconds(14 * 60), Map.of());
        assertThat(replayer.totalSteps()).isEqualTo(2);
        assertThat(replayer.step(2).candles()).isEmpty();
    }

    @Test
    void wrongDataIsRefused() {
        assertThatThrownBy(() -> new CandleReplayer(CandleInterval.ONE_MINUTE, T0, T0.plusSeconds(120),
                Map.of(BTC, List.of(c(BTC, 0), c(BTC, 0))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CandleReplayer(CandleInterval.ONE_MINUTE, T0, T0.plusSeconds(120),
                Map.of(BTC, List.of(c(ETH, 0))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CandleReplayer(CandleInterval.FIVE_MINUTES, T0, T0.plusSeconds(600),
                Map.of(BTC, List.of(c(BTC, 0))))).isInstanceOf(IllegalArgumentException.class);
    }
}
