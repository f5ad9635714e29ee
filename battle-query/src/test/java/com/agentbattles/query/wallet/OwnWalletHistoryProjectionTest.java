package com.agentbattles.query.wallet;

import com.agentbattles.domain.agent.WalletEvents.WalletDayMarked;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.query.support.AgentFacts;
import com.agentbattles.query.support.ProjectionFixture;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletCurve.Point;
import com.agentbattles.query.wallet.OwnWalletCurve.TimedPrice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.agentbattles.query.support.AgentFacts.CREATED_AT;
import static com.agentbattles.query.support.BattleFacts.fill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The own wallet's history: holdings after each change of the session and the prices its events
 * recorded, valued at past moments with only what was known by then.
 */
class OwnWalletHistoryProjectionTest {

    // the agent is created at 10:00 with 1000 USDT
    private static final Instant AT_10_30 = CREATED_AT.plus(Duration.ofMinutes(30));
    private static final Instant AT_12_30 = CREATED_AT.plus(Duration.ofMinutes(150));

    private final AgentFacts agent = new AgentFacts("agent-1", "acc-1");
    private final ProjectionFixture fixture = ProjectionFixture.of(new OwnWalletHistoryProjection(ProjectionFixture.jdbc()));
    private final OwnWalletHistoryReadModel history = new OwnWalletHistoryReadModel(ProjectionFixture.jdbc());

    /** BTCUSDT candles of the store: one closing at 11:00 at 20,500, one closing at 12:00 at 19,000. */
    private static final MarketCloses CANDLES = (symbol, time) -> {
        Instant eleven = CREATED_AT.plus(Duration.ofHours(1));
        Instant twelve = CREATED_AT.plus(Duration.ofHours(2));
        if (time.isBefore(eleven)) {
            return Optional.empty();
        }
        return Optional.of(time.isBefore(twelve) ? new TimedPrice(eleven, new BigDecimal("20500"))
                : new TimedPrice(twelve, new BigDecimal("19000")));
    };

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void aRoundTrip() {
        fixture.given(agent.created("Momentum", "1000"),
                new WalletDayMarked("agent-1", "acc-1", AT_10_30, new BigDecimal("1000"),
                        List.of(new Quote("BTCUSDT", new BigDecimal("20000"), null, AT_10_30))),
                // 0.01 BTC at 20,000: 200 + 0.2 fee → cash 799.8
                new WalletOrderFilled("agent-1", "acc-1",
                        fill("o-1", OrderSide.BUY, OrderType.MARKET, "0.01", "20000", null, AT_10_30)),
                // sold at 21,000: 210 − 0.21 fee → cash 1009.59, realized 210 − 200 − 0.21 − 0.2 = 9.59
                new WalletOrderFilled("agent-1", "acc-1",
                        fill("o-2", OrderSide.SELL, OrderType.MARKET, "0.01", "21000", "9.59", AT_12_30)));
    }

    @Test
    void eachBoundaryIsValuedAtTheLatestPriceKnownByThenAndNeverALaterOne() {
        aRoundTrip();
        OwnWalletCurve curve = history.currentSession("agent-1", CANDLES).orElseThrow();

        assertThat(curve.sessionStart()).isEqualTo(CREATED_AT);
        assertThat(curve.startingBalance()).isEqualByComparingTo("1000");
        List<Instant> hours = OwnWalletCurve.boundaries(Duration.ofHours(1), CREATED_AT, CREATED_AT.plus(Duration.ofHours(3)));
        assertThat(hours).containsExactly(CREATED_AT.plus(Duration.ofHours(1)), CREATED_AT.plus(Duration.ofHours(2)),
                CREATED_AT.plus(Duration.ofHours(3)));

        // 10:45: the 11:00 candle has not closed; the fill's 20,000 is the latest price: 799.8 + 200
        assertPoint(curve.at(CREATED_AT.plus(Duration.ofMinutes(45))), "999.8", "0", "0");
        // 11:00: the candle that closed then (20,500) is later than the fill's price: 799.8 + 205
        assertPoint(curve.at(hours.get(0)), "1004.8", "5", "0");
        // 12:00: 19,000: 799.8 + 190, unrealized 0.01 × (19,000 − 20,000)
        assertPoint(curve.at(hours.get(1)), "989.8", "-10", "0");
        // 13:00: sold at 12:30, all cash, the realized PnL booked
        assertPoint(curve.at(hours.get(2)), "1009.59", "0", "9.59");
        // the session start is the starting balance
        assertPoint(curve.at(CREATED_AT), "1000", "0", "0");

        // valued in one sweep, the same points
        assertThat(curve.at(hours)).containsExactly(curve.at(hours.get(0)), curve.at(hours.get(1)), curve.at(hours.get(2)));

        assertThat(curve.trades(CREATED_AT, hours.get(2))).extracting(OwnWalletCurve.Trade::realizedPnl)
                .containsExactly(null, new BigDecimal("9.59"));
        assertThat(curve.trades(hours.get(1), hours.get(2))).hasSize(1);
    }

    @Test
    void withoutCandlesThePricesTheEventsRecordedValueTheWallet() {
        aRoundTrip();
        OwnWalletCurve curve = history.currentSession("agent-1", MarketCloses.NONE).orElseThrow();

        assertPoint(curve.at(CREATED_AT.plus(Duration.ofHours(2))), "999.8", "0", "0");
    }

    @Test
    void aResetStartsANewSessionWithItsOwnHistory() {
        aRoundTrip();
        Instant resetAt = CREATED_AT.plus(Duration.ofHours(4));
        fixture.given(agent.reset("500", 240));

        OwnWalletCurve curve = history.currentSession("agent-1", CANDLES).orElseThrow();
        assertThat(curve.sessionStart()).isEqualTo(resetAt);
        assertThat(curve.startingBalance()).isEqualByComparingTo("500");
        assertPoint(curve.at(resetAt.plus(Duration.ofMinutes(30))), "500", "0", "0");
        assertThat(curve.trades(CREATED_AT, resetAt.plusSeconds(3600))).isEmpty();
        assertThat(history.currentSession("agent-2", CANDLES)).isEmpty();
    }

    @Test
    void aReplayGivesBackEveryRow() {
        aRoundTrip();
        fixture.given(agent.reset("500", 240));

        fixture.assertReplayReproducesEveryRow();
    }

    private static void assertPoint(Point point, String equity, String unrealized, String realized) {
        assertThat(point.totalEquity()).as("total_equity at " + point.time()).isEqualByComparingTo(equity);
        assertThat(point.unrealizedPnl()).as("unrealized_pnl at " + point.time()).isEqualByComparingTo(unrealized);
        assertThat(point.realizedPnl()).as("realized_pnl at " + point.time()).isEqualByComparingTo(realized);
        assertThat(point.totalEquity().scale()).isEqualTo(8);
    }
}
