package com.agentbattles.api.trading;

import com.agentbattles.api.trading.SessionPnl.Report;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.wallet.AgentTradingReadModel.Session;
import com.agentbattles.query.wallet.AgentTradingReadModel.SessionFill;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session PnL's definitions on a hand-computed wallet (docs/live-trading.md "Sessions"). */
class SessionPnlTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * 1000 USDT; buy 0.01 BTC @ 20,000 (fee 0.2); sell 0.004 @ 21,000 (fee 0.084, its share of the
     * buy fee 0.08): realized (21,000 − 20,000) × 0.004 − 0.084 − 0.08 = 3.836. Left: 0.006 BTC
     * carrying 0.12 of buy fees, cash 1000 − 200.2 + 83.916 = 883.716. At 19,000 the position is
     * worth 114: unrealized 114 − 120 = −6, equity 997.716.
     */
    @Test
    void realizedIsTheFillsOwnNetPnlAndNetTakesOffOnlyTheHeldBuyFees() {
        WalletHoldings wallet = new WalletHoldings(new BigDecimal("1000"), new BigDecimal("883.716"), BigDecimal.ZERO,
                List.of(new WalletHoldings.Holding("BTCUSDT", new BigDecimal("0.006"), BigDecimal.ZERO,
                        new BigDecimal("20000"), new BigDecimal("0.12"), START)),
                List.of(), new BigDecimal("3.836"), new BigDecimal("0.284"));
        Session session = new Session("s-1", START, 7, wallet);
        List<SessionFill> fills = List.of(
                new SessionFill("o-1", "buy", new BigDecimal("0.2"), null, START.plusSeconds(60)),
                new SessionFill("o-2", "sell", new BigDecimal("0.084"), new BigDecimal("3.836"), START.plusSeconds(120)));

        Report report = SessionPnl.of(PnlPeriod.ALL, session, fills, symbol -> Optional.of(new BigDecimal("19000")),
                START, START.plusSeconds(600));

        assertThat(report.realizedPnl()).isEqualByComparingTo("3.836");
        assertThat(report.unrealizedPnl()).isEqualByComparingTo("-6");
        assertThat(report.totalPnl()).isEqualByComparingTo("-2.164");
        assertThat(report.feesPaid()).isEqualByComparingTo("0.284");
        assertThat(report.netPnl()).as("equity 997.716 − 1000").isEqualByComparingTo("-2.284");
        assertThat(report.winningTrades()).isEqualTo(1);
        assertThat(report.losingTrades()).isZero();
        assertThat(report.winRate()).isEqualByComparingTo("100");
        assertThat(report.period()).isEqualTo("all");
        assertThat(report.sessionId()).isEqualTo("s-1");
    }

    @Test
    void withoutASellTheWinRateIsZeroAndTheCountsSayWhy() {
        Session session = new Session("s-2", START, 0, WalletHoldings.cashOnly(new BigDecimal("500")));
        Report report = SessionPnl.of(PnlPeriod.DAY, session, List.of(), symbol -> Optional.empty(), START, START);
        assertThat(report.winRate()).isZero();
        assertThat(report.sells()).isZero();
        assertThat(report.netPnl()).isZero();
        assertThat(report.period()).isEqualTo("1d");
    }

    @Test
    void aLosingSellAndAZeroSellBothCountInTheWinRatesBase() {
        Session session = new Session("s-3", START, 0, WalletHoldings.cashOnly(new BigDecimal("1000")));
        List<SessionFill> fills = List.of(
                new SessionFill("a", "sell", new BigDecimal("0.1"), new BigDecimal("5"), START),
                new SessionFill("b", "sell", new BigDecimal("0.1"), new BigDecimal("-2"), START),
                new SessionFill("c", "sell", new BigDecimal("0.1"), BigDecimal.ZERO, START));
        Report report = SessionPnl.of(PnlPeriod.WEEK, session, fills, symbol -> Optional.empty(), START, START);
        assertThat(report.winningTrades()).isEqualTo(1);
        assertThat(report.losingTrades()).isEqualTo(1);
        assertThat(report.sells()).isEqualTo(3);
        assertThat(report.winRate()).isEqualByComparingTo("33.33333333");
        assertThat(report.realizedPnl()).isEqualByComparingTo("3");
    }

    @Test
    void onlyTheKnownPeriodsParse() {
        assertThat(PnlPeriod.parse("30D")).isEqualTo(PnlPeriod.MONTH);
        assertThat(PnlPeriod.DAY.start(START.plusSeconds(86_400))).isEqualTo(START);
        assertThat(PnlPeriod.ALL.start(START)).isNull();
        assertThatThrownBy(() -> PnlPeriod.parse("1y")).hasMessageContaining("period");
    }
}
