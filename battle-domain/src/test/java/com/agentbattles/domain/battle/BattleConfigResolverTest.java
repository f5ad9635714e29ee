package com.agentbattles.domain.battle;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.market.CandleInterval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The config resolution rules of docs/battles.md. */
class BattleConfigResolverTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant JAN_15 = Instant.parse("2025-01-15T00:00:00Z");
    private static final Instant JAN_16 = Instant.parse("2025-01-16T00:00:00Z");

    private static BattleConfigChanges changes(String mode, BigDecimal minutes, BigDecimal hours, List<String> pairs,
                                               Instant start, Instant end) {
        return new BattleConfigChanges(mode, null, null, minutes, hours, null, null, pairs, start, end, null);
    }

    private static void refused(Runnable resolution, String field) {
        assertThatThrownBy(resolution::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.details()).containsEntry("field", field));
    }

    @Test
    void theDefaultsAreALiveBattleWithoutTimeLimitOnBtcAndEth() {
        BattleConfig config = BattleConfigResolver.forNewBattle(null, null, NOW);

        assertThat(config.battleMode()).isEqualTo(BattleMode.LIVE);
        assertThat(config.durationMinutes()).isNull();
        assertThat(config.startingBalance()).isEqualByComparingTo("10000");
        assertThat(config.pairs()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(config.walletMode()).isEqualTo(WalletMode.FRESH);
        assertThat(config.fees()).isEqualTo(FeeSchedule.defaults());
    }

    @Test
    void aHistoricalBattleWithoutWindowReplaysOneDayChosenAtStart() {
        BattleConfig config = BattleConfigResolver.forNewBattle(null, changes("historical", null, null, null, null, null), NOW);

        assertThat(config.hasWindow()).isFalse();
        assertThat(config.durationMinutes()).isEqualTo(1440);
        assertThat(config.candleInterval()).isEqualTo(CandleInterval.ONE_MINUTE);
    }

    @Test
    void explicitFieldsOverrideThePreset() {
        BattleConfig config = BattleConfigResolver.forNewBattle("marathon",
                changes(null, null, new BigDecimal("1.5"), List.of("solusdt", "SOLUSDT", "BTCUSDT"), null, null), NOW);

        assertThat(config.preset()).isEqualTo("marathon");
        assertThat(config.durationMinutes()).isEqualTo(90);
        assertThat(config.pairs()).containsExactly("SOLUSDT", "BTCUSDT");
    }

    @Test
    void aStartTimeAloneTakesThePresetsWindowLength() {
        BattleConfig config = BattleConfigResolver.forNewBattle("historical_week",
                changes(null, null, null, null, JAN_15, null), NOW);

        assertThat(config.startTime()).isEqualTo(JAN_15);
        assertThat(config.endTime()).isEqualTo(Instant.parse("2025-01-22T00:00:00Z"));
        assertThat(config.durationMinutes()).isEqualTo(7 * 1440);
    }

    @Test
    void anEndTimeAloneMovesTheEndOfAKnownWindow() {
        BattleConfig window = BattleConfigResolver.forNewBattle("historical_day",
                changes(null, null, null, null, JAN_15, JAN_16), NOW);
        BattleConfig longer = BattleConfigResolver.forChange(window, null,
                changes(null, null, null, null, null, Instant.parse("2025-01-17T00:00:00Z")), NOW);

        assertThat(longer.startTime()).isEqualTo(JAN_15);
        assertThat(longer.durationMinutes()).isEqualTo(2 * 1440);
    }

    @Test
    void switchingToLiveDropsTheHistoricalWindow() {
        BattleConfig historical = BattleConfigResolver.forNewBattle("historical_day",
                changes(null, null, null, null, JAN_15, JAN_16), NOW);
        BattleConfig live = BattleConfigResolver.forChange(historical, null, changes("live", null, null, null, null, null), NOW);

        assertThat(live.startTime()).isNull();
        assertThat(live.durationMinutes()).isNull();
    }

    @Test
    void windowsMustBeOrderedPastAndAtLeastOneCandleLong() {
        refused(() -> BattleConfigResolver.forNewBattle("historical_day", changes(null, null, null, null, JAN_16, JAN_15), NOW),
                "end_time");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day",
                changes(null, null, null, null, NOW.minusSeconds(60), NOW.plusSeconds(3600)), NOW), "end_time");
        refused(() -> BattleConfigResolver.forNewBattle("historical_month",
                changes(null, null, null, null, JAN_15, JAN_15.plusSeconds(1800)), NOW), "end_time");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day",
                changes(null, new BigDecimal("60"), null, null, JAN_15, JAN_16), NOW), "duration_minutes");
    }

    @Test
    void durationsArePositiveWholeMinutesAndAgreeWithEachOther() {
        refused(() -> BattleConfigResolver.forNewBattle(null, changes(null, new BigDecimal("-1"), null, null, null, null), NOW),
                "duration_minutes");
        refused(() -> BattleConfigResolver.forNewBattle(null, changes(null, new BigDecimal("1.5"), null, null, null, null), NOW),
                "duration_minutes");
        refused(() -> BattleConfigResolver.forNewBattle(null, changes(null, null, new BigDecimal("9000"), null, null, null), NOW),
                "duration_hours");
        refused(() -> BattleConfigResolver.forNewBattle(null,
                changes(null, new BigDecimal("60"), new BigDecimal("2"), null, null, null), NOW), "duration_hours");
    }

    @Test
    void historicalBattlesTradeFreshSandboxesOnly() {
        refused(() -> BattleConfigResolver.forNewBattle("historical_day", new BattleConfigChanges(null, null, null, null,
                null, "existing", null, null, null, null, null), NOW), "wallet_mode");
    }

    @Test
    void theLossLimitIsAPercentageBelowOneHundred() {
        refused(() -> BattleConfigResolver.forNewBattle(null, new BattleConfigChanges(null, null, null, null, null, null,
                null, null, null, null, new BigDecimal("100")), NOW), "loss_limit_pct");
        assertThat(BattleConfigResolver.forNewBattle("survival", null, NOW).lossLimitPct()).isEqualByComparingTo("20");
    }

    @Test
    void pairsAreUsdtSymbolsWithinBounds() {
        refused(() -> BattleConfigResolver.pairs(List.of()), "pairs");
        refused(() -> BattleConfigResolver.pairs(List.of("BTCUSDT", "BTCEUR")), "pairs[1]");
        refused(() -> BattleConfigResolver.pairs(java.util.Collections.nCopies(21, "BTCUSDT")), "pairs");
    }

    private static BattleConfigChanges clock(String mode, String clock, BattleConfigChanges.StepTimeout timeout) {
        return new BattleConfigChanges(mode, null, null, null, null, null, null, null, null, null, null, clock, timeout);
    }

    @Test
    void theAgentsClockWaitsThirtySecondsUnlessToldOtherwiseAndNullWaitsForEver() {
        BattleConfig presetDefault = BattleConfigResolver.forNewBattle("historical_day", null, NOW);
        BattleConfig agents = BattleConfigResolver.forNewBattle("historical_day", clock(null, "agents", null), NOW);
        BattleConfig forEver = BattleConfigResolver.forNewBattle("historical_day",
                clock(null, "agents", new BattleConfigChanges.StepTimeout(true, null)), NOW);
        BattleConfig fiveSeconds = BattleConfigResolver.forChange(agents, null,
                clock(null, null, new BattleConfigChanges.StepTimeout(true, new BigDecimal("5"))), NOW);

        assertThat(presetDefault.clockMode()).isEqualTo(StepClock.OWNER);
        assertThat(presetDefault.stepTimeoutSeconds()).isNull();
        assertThat(agents.agentsMoveTheClock()).isTrue();
        assertThat(agents.stepTimeoutSeconds()).isEqualTo(30);
        assertThat(forEver.stepTimeoutSeconds()).isNull();
        assertThat(fiveSeconds.stepTimeoutSeconds()).isEqualTo(5);
        assertThat(BattleConfigResolver.forChange(fiveSeconds, null, BattleConfigChanges.none(), NOW)
                .stepTimeoutSeconds()).isEqualTo(5);
    }

    @Test
    void aClockIsRefusedWhereItMeansNothing() {
        refused(() -> BattleConfigResolver.forNewBattle(null, clock("live", "agents", null), NOW), "clock");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day", clock(null, "players", null), NOW), "clock");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day",
                clock(null, "owner", new BattleConfigChanges.StepTimeout(true, BigDecimal.TEN)), NOW), "step_timeout_seconds");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day",
                clock(null, "agents", new BattleConfigChanges.StepTimeout(true, new BigDecimal("1.5"))), NOW),
                "step_timeout_seconds");
        refused(() -> BattleConfigResolver.forNewBattle("historical_day",
                clock(null, "agents", new BattleConfigChanges.StepTimeout(true, BigDecimal.ZERO)), NOW),
                "step_timeout_seconds");
    }
}
