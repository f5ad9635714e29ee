package com.agentbattles.domain.battle;

import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The eight built-in presets of spec/README.md, settled point 2, in the order the docs list them. */
public final class BattlePresets {

    public static final List<String> DEFAULT_PAIRS = List.of("BTCUSDT", "ETHUSDT");
    /** Survival's default: eliminated at 80% of the starting balance. */
    public static final BigDecimal DEFAULT_LOSS_LIMIT_PCT = new BigDecimal("20");

    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final long HOUR = 60;
    private static final long DAY = 24 * HOUR;

    private static final Map<String, BattlePreset> PRESETS = index(
            live("quick_1h", "Quick Sprint", "Fast sprint: who can generate the most ROI in 60 minutes",
                    HOUR, TEN_THOUSAND, null, Set.of()),
            live("day_trader", "Day Trader", "Full trading day: intraday performance test",
                    24 * HOUR, TEN_THOUSAND, null, Set.of()),
            live("marathon", "Marathon", "Week-long endurance competition: tests consistency",
                    7 * DAY, TEN_THOUSAND, null, Set.of()),
            live("scalper_duel", "Scalper Duel", "Short scalping duel on BTC and ETH only",
                    4 * HOUR, new BigDecimal("5000"), null, Set.copyOf(DEFAULT_PAIRS)),
            live("survival", "Survival Mode",
                    "No time limit: a participant is out when its equity falls by the loss limit; the last one standing wins",
                    null, TEN_THOUSAND, DEFAULT_LOSS_LIMIT_PCT, Set.of()),
            historical("historical_day", "Historical Day", "Single trading day replay on 1-minute candles",
                    DAY, CandleInterval.ONE_MINUTE),
            historical("historical_week", "Historical Week", "One-week historical competition on 5-minute candles",
                    7 * DAY, CandleInterval.FIVE_MINUTES),
            historical("historical_month", "Historical Month", "Full month replay on hourly candles",
                    30 * DAY, CandleInterval.ONE_HOUR));

    private BattlePresets() {
    }

    /** Every preset by key, in documentation order. */
    public static Map<String, BattlePreset> all() {
        return PRESETS;
    }

    /** The preset of that key; an unknown key is a 400 naming the field. */
    public static BattlePreset require(String key) {
        BattlePreset preset = PRESETS.get(key == null ? null : key.strip());
        if (preset == null) {
            throw Decimals.invalid("preset", "must be one of " + String.join(", ", PRESETS.keySet()) + " (got '" + key + "')");
        }
        return preset;
    }

    private static BattlePreset live(String key, String name, String description, Long minutes, BigDecimal balance,
                                     BigDecimal lossLimitPct, Set<String> allowedPairs) {
        return new BattlePreset(key, name, description, BattleMode.LIVE, minutes, balance, CandleInterval.ONE_MINUTE,
                DEFAULT_PAIRS, WalletMode.FRESH, lossLimitPct, allowedPairs);
    }

    private static BattlePreset historical(String key, String name, String description, long minutes,
                                           CandleInterval interval) {
        return new BattlePreset(key, name, description, BattleMode.HISTORICAL, minutes, TEN_THOUSAND, interval,
                DEFAULT_PAIRS, WalletMode.FRESH, null, Set.of());
    }

    private static Map<String, BattlePreset> index(BattlePreset... presets) {
        Map<String, BattlePreset> byKey = new LinkedHashMap<>();
        for (BattlePreset preset : presets) {
            byKey.put(preset.key(), preset);
        }
        return java.util.Collections.unmodifiableMap(byKey);
    }
}
