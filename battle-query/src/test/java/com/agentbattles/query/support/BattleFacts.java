package com.agentbattles.query.support;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Battle events as the {@code Battle} aggregate records them, for one battle of one account
 * trading BTCUSDT with a starting balance of 10,000: historical on one-minute candles from
 * {@link #WINDOW_START} (step n closes at minute n), or live with a snapshot every 5 s.
 */
public record BattleFacts(String battleId, String accountId, BattleConfig config) {

    public static final String SYMBOL = "BTCUSDT";
    public static final BigDecimal STARTING_BALANCE = new BigDecimal("10000");
    public static final Instant CREATED_AT = Instant.parse("2025-03-02T08:00:00Z");
    public static final Instant STARTED_AT = CREATED_AT.plusSeconds(600);
    public static final Instant WINDOW_START = Instant.parse("2022-11-09T00:00:00Z");
    public static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(5);

    public static BattleFacts historical(String battleId, String accountId) {
        return new BattleFacts(battleId, accountId, new BattleConfig("custom", BattleMode.HISTORICAL, RankingMetric.ROI_PCT,
                STARTING_BALANCE, 60L, null, CandleInterval.ONE_MINUTE, List.of(SYMBOL), WINDOW_START,
                WINDOW_START.plusSeconds(3600), null, FeeSchedule.defaults()));
    }

    public static BattleFacts live(String battleId, String accountId, WalletMode walletMode) {
        return new BattleFacts(battleId, accountId, new BattleConfig("custom", BattleMode.LIVE, RankingMetric.ROI_PCT,
                STARTING_BALANCE, 60L, walletMode, null, List.of(SYMBOL), null, null, new BigDecimal("50"),
                FeeSchedule.defaults()));
    }

    public boolean isHistorical() {
        return config.isHistorical();
    }

    // ---- roster and lifecycle ----

    public BattleCreated created(String name) {
        return new BattleCreated(battleId, accountId, name, config, null, CREATED_AT);
    }

    public ParticipantAdded joined(String agentId, String agentName, BattleStatus after, int minutesLater) {
        return new ParticipantAdded(battleId, accountId, agentId, agentName, after, CREATED_AT.plusSeconds(60L * minutesLater));
    }

    /** Historical battles run {@code totalSteps} one-minute steps; live ones snapshot every 5 s. */
    public BattleStarted started(long totalSteps, String... agentIds) {
        HistoricalStart historical = isHistorical()
                ? new HistoricalStart(WINDOW_START, WINDOW_START.plusSeconds(60 * totalSteps), CandleInterval.ONE_MINUTE,
                List.of(SYMBOL), totalSteps, "fingerprint")
                : null;
        return new BattleStarted(battleId, accountId, config, Arrays.asList(agentIds), historical,
                Map.of(agentIds[0], RiskConfig.defaults()), isHistorical() ? null : SNAPSHOT_INTERVAL, STARTED_AT);
    }

    public ParticipantEliminated eliminated(String agentId, String equity, long step, Instant at) {
        return new ParticipantEliminated(battleId, accountId, agentId, new BigDecimal(equity), new BigDecimal("5000"), step, at);
    }

    public BattleStopped stopped(BattleStatus previous, List<String> agentIds, FinalRanking... rankings) {
        List<FinalRanking> ranked = List.of(rankings);
        return new BattleStopped(battleId, accountId, previous, agentIds, ranked, FinalRanking.digest(ranked),
                STARTED_AT.plusSeconds(3600));
    }

    public BattleCancelled cancelled(BattleStatus previous, List<String> agentIds) {
        return new BattleCancelled(battleId, accountId, previous, agentIds, STARTED_AT.plusSeconds(120));
    }

    public static FinalRanking ranking(int rank, String agentId, String finalEquity, String roiPct) {
        return new FinalRanking(rank, agentId, "name of " + agentId, STARTING_BALANCE, new BigDecimal(finalEquity),
                new BigDecimal(roiPct), new BigDecimal(finalEquity).subtract(STARTING_BALANCE), null, BigDecimal.ZERO,
                null, null, 1, null);
    }

    // ---- the clock ----

    public static Instant stepTime(long step) {
        return WINDOW_START.plusSeconds(60 * step);
    }

    /** Step {@code step} of a historical battle, on a candle closing at {@code close}. */
    public BattleStepped stepped(long step, long totalSteps, String close, Valuation... valuations) {
        BigDecimal price = new BigDecimal(close);
        Candle candle = new Candle(SYMBOL, CandleInterval.ONE_MINUTE, stepTime(step - 1), price, price, price, price,
                BigDecimal.TEN, null, 100);
        return new BattleStepped(battleId, accountId, step, totalSteps, stepTime(step), List.of(candle), List.of(valuations));
    }

    /** Snapshot {@code sequence} of a live battle, valued at {@code price}. */
    public LiveSnapshotTaken snapshot(long sequence, String price, Valuation... valuations) {
        Instant at = STARTED_AT.plus(SNAPSHOT_INTERVAL.multipliedBy(sequence));
        return new LiveSnapshotTaken(battleId, accountId, sequence, at,
                List.of(new Quote(SYMBOL, new BigDecimal(price), new BigDecimal("1000000"), at)), List.of(valuations));
    }

    public static Valuation valued(String agentId, String equity, long tradeCount) {
        return new Valuation(agentId, new BigDecimal(equity), new BigDecimal(equity), tradeCount);
    }

    public ParticipantWalletProvisioned provisioned(String agentId, WalletHoldings holdings) {
        return new ParticipantWalletProvisioned(battleId, accountId, agentId, holdings, STARTED_AT);
    }

    public ParticipantWalletClosed walletClosed(String agentId, WalletHoldings holdings) {
        return new ParticipantWalletClosed(battleId, accountId, agentId, holdings, STARTED_AT.plusSeconds(3600));
    }

    // ---- orders ----

    /** A resting limit buy of {@code quantity} BTC at {@code price}, its cost locked. */
    public static RestingOrder limitBuy(String orderId, String quantity, String price, Instant at) {
        BigDecimal locked = new BigDecimal(quantity).multiply(new BigDecimal(price));
        return new RestingOrder(orderId, SYMBOL, OrderSide.BUY, OrderType.LIMIT, new BigDecimal(quantity),
                new BigDecimal(price), null, locked, at);
    }

    /** A whole fill of {@code quantity} at {@code price} with a 0.1 % fee. */
    public static Fill fill(String orderId, OrderSide side, OrderType type, String quantity, String price,
                            String realizedPnl, Instant at) {
        BigDecimal notional = new BigDecimal(quantity).multiply(new BigDecimal(price));
        BigDecimal fee = notional.multiply(new BigDecimal("0.001"));
        BigDecimal total = side == OrderSide.BUY ? notional.add(fee) : notional.subtract(fee);
        return new Fill(orderId, SYMBOL, side, type, new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal(price), new BigDecimal("0.01"), fee, total,
                realizedPnl == null ? null : new BigDecimal(realizedPnl), at);
    }

    public OrderPlaced placed(String agentId, RestingOrder order, long step) {
        return new OrderPlaced(battleId, accountId, agentId, order, step);
    }

    public OrderFilled filled(String agentId, Fill fill, long step) {
        return new OrderFilled(battleId, accountId, agentId, fill, step);
    }

    public OrderRejected rejected(String agentId, String orderId, String reason, long step, Instant at) {
        OrderRequest request = new OrderRequest(orderId, SYMBOL, OrderSide.BUY, OrderType.MARKET, new BigDecimal("100"),
                null, null);
        return new OrderRejected(battleId, accountId, agentId, request, ErrorCode.INSUFFICIENT_BALANCE, reason, step, at);
    }

    public OrderCancelled orderCancelled(String agentId, String orderId, long step, Instant at) {
        return new OrderCancelled(battleId, accountId, agentId, orderId, "requested", step, at);
    }
}
