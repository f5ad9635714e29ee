package com.agentbattles.api.analytics;

import com.agentbattles.api.analytics.OwnWalletAnalytics.Performance;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.domain.trading.WalletHoldings.Holding;
import com.agentbattles.query.wallet.OwnWalletCurve;
import com.agentbattles.query.wallet.OwnWalletCurve.Change;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletCurve.Point;
import com.agentbattles.query.wallet.OwnWalletCurve.TimedPrice;
import com.agentbattles.query.wallet.OwnWalletCurve.Trade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The own wallet's history and performance over a curve built by hand: 1000 USDT at 10:00, 0.01
 * BTC bought at 20,000 at 10:30 (cash 799.8), sold at 21,000 at 12:30 (cash 1009.59, realized
 * 9.59); candles closing at 11:00 at 20,500 and at 12:00 at 19,000.
 */
class OwnWalletAnalyticsTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant BOUGHT = START.plus(Duration.ofMinutes(30));
    private static final Instant SOLD = START.plus(Duration.ofMinutes(150));

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    private static final MarketCloses CANDLES = (symbol, time) -> {
        if (time.isBefore(START.plus(Duration.ofHours(1)))) {
            return Optional.empty();
        }
        return Optional.of(time.isBefore(START.plus(Duration.ofHours(2)))
                ? new TimedPrice(START.plus(Duration.ofHours(1)), bd("20500"))
                : new TimedPrice(START.plus(Duration.ofHours(2)), bd("19000")));
    };

    private static OwnWalletCurve curve() {
        WalletHoldings holding = new WalletHoldings(bd("1000"), bd("799.8"), BigDecimal.ZERO,
                List.of(new Holding("BTCUSDT", bd("0.01"), BigDecimal.ZERO, bd("20000"), bd("0.2"), BOUGHT)), List.of(),
                BigDecimal.ZERO, bd("0.2"));
        WalletHoldings sold = new WalletHoldings(bd("1000"), bd("1009.59"), BigDecimal.ZERO, List.of(), List.of(),
                bd("9.59"), bd("0.41"));
        return new OwnWalletCurve(START, bd("1000"),
                List.of(new Change(START, WalletHoldings.cashOnly(bd("1000"))), new Change(BOUGHT, holding),
                        new Change(SOLD, sold)),
                List.of(new Trade(BOUGHT, null), new Trade(SOLD, bd("9.59"))),
                Map.of("BTCUSDT", List.of(new TimedPrice(BOUGHT, bd("20000")), new TimedPrice(SOLD, bd("21000")))),
                CANDLES);
    }

    @Test
    void theHistoryIsTheSessionStartEveryBoundaryAndNowOldestFirst() {
        Instant now = START.plus(Duration.ofMinutes(200)); // 13:20
        List<Point> points = OwnWalletAnalytics.history(curve(), Duration.ofHours(1), 100, now);
        assertThat(points).extracting(Point::time).containsExactly(START, START.plus(Duration.ofHours(1)),
                START.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(3)), now);
        assertThat(points).extracting(Point::totalEquity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(bd("1000"), bd("1004.8"), bd("989.8"), bd("1009.59"), bd("1009.59"));
        // the latest two only
        assertThat(OwnWalletAnalytics.history(curve(), Duration.ofHours(1), 2, now)).extracting(Point::time)
                .containsExactly(START.plus(Duration.ofHours(3)), now);
        // now on a boundary is not repeated
        assertThat(OwnWalletAnalytics.history(curve(), Duration.ofHours(1), 100, START.plus(Duration.ofHours(3))))
                .hasSize(4);
    }

    @Test
    void thePerformanceOfThePeriodComesFromTheOneCalculatorOnThe1hCurve() {
        Performance p = OwnWalletAnalytics.performance(curve(), "all", START.plus(Duration.ofHours(3)));

        assertThat(p.from()).isEqualTo(START);
        // 1000 → 1004.8 → 989.8 → 1009.59: roi 9.59 / 1000 × 100
        assertThat(p.metrics().roiPct()).isEqualByComparingTo("0.959");
        // peak 1004.8, trough 989.8: 15 / 1004.8 × 100 = 1.4928343949… → 8 dp
        assertThat(p.metrics().maxDrawdownPct()).isEqualTo(bd("1.49283439"));
        assertThat(p.metrics().sharpeRatio()).isNotNull();
        assertThat(p.metrics().totalTrades()).isEqualTo(2);
        assertThat(p.metrics().winRate()).isEqualByComparingTo("100");
        // one snapshot under water, 1 h: 0 whole days
        assertThat(p.trades().maxDrawdownSnapshots()).isEqualTo(1);
        assertThat(p.trades().maxDrawdownDurationDays()).isZero();
        assertThat(p.trades().avgWin()).isEqualByComparingTo("9.59");
        assertThat(p.trades().avgLoss()).isNull();
        assertThat(p.trades().bestTrade()).isEqualByComparingTo("9.59");
        assertThat(p.trades().currentStreak()).isEqualTo(1);
        // 2 fills over 3 snapshots × 1 h: 2 × 86,400 / 10,800 = 16 a day
        assertThat(p.trades().avgTradesPerDay()).isEqualTo(bd("16.00000000"));

        // a day's period of a three-hour session starts at the session; two days later it holds no fill
        assertThat(OwnWalletAnalytics.performance(curve(), "1d", START.plus(Duration.ofHours(3))).from()).isEqualTo(START);
        assertThat(OwnWalletAnalytics.performance(curve(), "1d", START.plus(Duration.ofDays(2))).metrics().totalTrades())
                .as("a day with no fill")
                .isZero();
    }

    @Test
    void aFallSinceTheLastBoundaryIsInTheDrawdownAsItIsInRoi() {
        // 10:45, no boundary yet: the buy's fee leaves 799.8 + 0.01 × 20,000 = 999.8 of 1000
        Performance p = OwnWalletAnalytics.performance(curve(), "all", START.plus(Duration.ofMinutes(45)));
        assertThat(p.metrics().roiPct()).isEqualByComparingTo("-0.02");
        assertThat(p.metrics().maxDrawdownPct()).isEqualByComparingTo("0.02");
        assertThat(p.trades().maxDrawdownSnapshots()).isEqualTo(1);
    }

    @Test
    void unknownIntervalsAndPeriodsNameTheirField() {
        assertThatThrownBy(() -> OwnWalletAnalytics.interval("15m")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).startsWith("interval"));
        assertThatThrownBy(() -> OwnWalletAnalytics.period("1y")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).startsWith("period"));
        assertThat(OwnWalletAnalytics.interval(null)).isEqualTo(Duration.ofHours(1));
        assertThat(OwnWalletAnalytics.period(null)).isEqualTo("all");
    }
}
