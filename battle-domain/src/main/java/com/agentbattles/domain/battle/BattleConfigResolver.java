package com.agentbattles.domain.battle;

import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a client sent into a valid {@link BattleConfig}: a base (a preset, the defaults of
 * the mode, or the current config) overridden field by field by the explicit changes, then
 * checked as a whole. Pure and deterministic ("now" comes in as an argument), so aggregates call
 * it inside their decisions. Every refusal is a 400 that names the field. The rules are written
 * out in docs/battles.md.
 */
public final class BattleConfigResolver {

    /** Nothing useful runs longer than a year, and it caps a historical battle at 527,040 one-minute steps. */
    public static final long MAX_DURATION_MINUTES = 366L * 24 * 60;
    public static final int MAX_PAIRS = 20;
    /** A historical battle with no window and no preset replays one day, like historical_day. */
    public static final long DEFAULT_HISTORICAL_MINUTES = 24 * 60;
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{2,20}USDT$");

    private BattleConfigResolver() {
    }

    /** A new battle: the preset (or the defaults of the requested mode) overridden by the changes. */
    public static BattleConfig forNewBattle(String presetKey, BattleConfigChanges changes, Instant now) {
        BattleConfigChanges requested = changes == null ? BattleConfigChanges.none() : changes;
        BattleConfig base = presetKey != null ? BattlePresets.require(presetKey).defaults() : defaultsFor(requested);
        return apply(base, requested, now);
    }

    /** An edit or a rematch: the current config (or a newly chosen preset's) overridden by the changes. */
    public static BattleConfig forChange(BattleConfig current, String presetKey, BattleConfigChanges changes,
                                         Instant now) {
        BattleConfigChanges requested = changes == null ? BattleConfigChanges.none() : changes;
        BattleConfig base = presetKey != null ? BattlePresets.require(presetKey).defaults() : current;
        return apply(base, requested, now);
    }

    private static BattleConfig defaultsFor(BattleConfigChanges changes) {
        BattleMode mode = changes.battleMode() == null ? BattleMode.LIVE : BattleMode.parse("battle_mode", changes.battleMode());
        Long duration = mode == BattleMode.HISTORICAL ? DEFAULT_HISTORICAL_MINUTES : null;
        return new BattleConfig(null, mode, RankingMetric.ROI_PCT, new BigDecimal("10000"), duration, WalletMode.FRESH,
                CandleInterval.ONE_MINUTE, BattlePresets.DEFAULT_PAIRS, null, null, null, FeeSchedule.defaults());
    }

    private static BattleConfig apply(BattleConfig base, BattleConfigChanges c, Instant now) {
        BattleMode mode = c.battleMode() != null ? BattleMode.parse("battle_mode", c.battleMode()) : base.battleMode();
        boolean modeSwitched = mode != base.battleMode();
        RankingMetric metric = c.rankingMetric() != null
                ? RankingMetric.parse("ranking_metric", c.rankingMetric()) : base.rankingMetric();
        BigDecimal balance = Decimals.startingBalance("starting_balance",
                c.startingBalance() != null ? c.startingBalance() : base.startingBalance());
        CandleInterval interval = c.candleInterval() != null ? interval(c.candleInterval()) : base.candleInterval();
        List<String> pairs = c.pairs() != null ? pairs(c.pairs()) : base.pairs();
        requireAllowedByPreset(base.preset(), pairs);
        Long explicitMinutes = explicitDuration(c);
        BigDecimal lossLimit = c.lossLimitPct() != null ? lossLimit(c.lossLimitPct()) : base.lossLimitPct();
        FeeSchedule fees = base.fees() != null ? base.fees() : FeeSchedule.defaults();

        if (mode == BattleMode.LIVE) {
            if (c.setsWindow()) {
                throw Decimals.invalid(c.startTime() != null ? "start_time" : "end_time",
                        "applies to historical battles only");
            }
            if (c.clock() != null || c.stepTimeout().set()) {
                throw Decimals.invalid(c.clock() != null ? "clock" : "step_timeout_seconds",
                        "applies to historical battles only: a live battle's clock is the market's");
            }
            Long minutes = explicitMinutes != null ? explicitMinutes : modeSwitched ? null : base.durationMinutes();
            WalletMode wallet = c.walletMode() != null ? WalletMode.parse("wallet_mode", c.walletMode())
                    : base.walletMode() != null ? base.walletMode() : WalletMode.FRESH;
            return new BattleConfig(base.preset(), mode, metric, balance, minutes, wallet, interval, pairs, null, null,
                    lossLimit, fees);
        }

        if (c.walletMode() != null && WalletMode.parse("wallet_mode", c.walletMode()) != WalletMode.FRESH) {
            throw Decimals.invalid("wallet_mode", "must be fresh for historical battles: each agent trades an isolated sandbox");
        }
        Window window = window(modeSwitched ? null : base, c, explicitMinutes, interval, now);
        StepClock clock = c.clock() != null ? StepClock.parse("clock", c.clock())
                : base.clock() != null ? base.clock() : StepClock.OWNER;
        return new BattleConfig(base.preset(), mode, metric, balance, window.minutes(), WalletMode.FRESH, interval,
                pairs, window.start(), window.end(), lossLimit, fees, clock, stepTimeout(clock, base, c));
    }

    /** The longest a step waits for its participants: an hour is already more than an LLM needs. */
    public static final int MAX_STEP_TIMEOUT_SECONDS = 3600;

    /** Only the agents' clock has a time-out; it defaults to 30 s and an explicit null waits for ever. */
    private static Integer stepTimeout(StepClock clock, BattleConfig base, BattleConfigChanges c) {
        if (clock != StepClock.AGENTS) {
            if (c.stepTimeout().set()) {
                throw Decimals.invalid("step_timeout_seconds", "applies only when clock is agents");
            }
            return null;
        }
        if (!c.stepTimeout().set()) {
            return base.clock() == StepClock.AGENTS ? base.stepTimeoutSeconds() : BattleConfig.DEFAULT_STEP_TIMEOUT_SECONDS;
        }
        BigDecimal seconds = c.stepTimeout().seconds();
        if (seconds == null) {
            return null;
        }
        if (seconds.stripTrailingZeros().scale() > 0 || seconds.signum() <= 0
                || seconds.compareTo(BigDecimal.valueOf(MAX_STEP_TIMEOUT_SECONDS)) > 0) {
            throw Decimals.invalid("step_timeout_seconds",
                    "must be a whole number of seconds from 1 to " + MAX_STEP_TIMEOUT_SECONDS + ", or null to wait for ever");
        }
        return seconds.intValueExact();
    }

    private record Window(Instant start, Instant end, long minutes) {
    }

    /**
     * The historical window: start_time alone moves the window keeping its length, end_time alone
     * moves the end, a duration alone moves the end; with neither bound the start resolves it later.
     */
    private static Window window(BattleConfig base, BattleConfigChanges c, Long explicitMinutes, CandleInterval interval,
                                 Instant now) {
        long baseMinutes = base != null && base.durationMinutes() != null ? base.durationMinutes() : DEFAULT_HISTORICAL_MINUTES;
        Instant baseStart = base == null ? null : base.startTime();
        Instant baseEnd = base == null ? null : base.endTime();
        long lengthMinutes = explicitMinutes != null ? explicitMinutes : baseMinutes;
        Instant start;
        Instant end;
        if (c.startTime() != null && c.endTime() != null) {
            start = c.startTime();
            end = c.endTime();
            if (explicitMinutes != null && end.isAfter(start) && Duration.between(start, end).toMinutes() != explicitMinutes) {
                throw Decimals.invalid("duration_minutes", "contradicts start_time and end_time; send one or the other");
            }
        } else if (c.startTime() != null) {
            start = c.startTime();
            end = start.plus(Duration.ofMinutes(lengthMinutes));
        } else if (c.endTime() != null) {
            end = c.endTime();
            start = baseStart != null && explicitMinutes == null ? baseStart : end.minus(Duration.ofMinutes(lengthMinutes));
        } else if (baseStart != null) {
            start = baseStart;
            end = explicitMinutes != null ? start.plus(Duration.ofMinutes(explicitMinutes)) : baseEnd;
        } else {
            start = null;
            end = null;
        }
        if (start == null) {
            requireAtLeastOneCandle(lengthMinutes, interval, "duration_minutes");
            return new Window(null, null, lengthMinutes);
        }
        if (!end.isAfter(start)) {
            throw Decimals.invalid("end_time", "must be after start_time");
        }
        if (end.isAfter(now)) {
            throw Decimals.invalid("end_time", "must not be in the future: a historical battle replays stored candles");
        }
        long minutes = Duration.between(start, end).toMinutes();
        if (minutes > MAX_DURATION_MINUTES) {
            throw Decimals.invalid("end_time", "must be at most 366 days after start_time");
        }
        requireAtLeastOneCandle(Duration.between(start, end).toSeconds() / 60.0, interval, "end_time");
        return new Window(start, end, minutes);
    }

    private static void requireAtLeastOneCandle(double minutes, CandleInterval interval, String field) {
        if (minutes * 60_000 < interval.millis()) {
            throw Decimals.invalid(field, "gives a window shorter than one " + interval.code() + " candle");
        }
    }

    private static Long explicitDuration(BattleConfigChanges c) {
        Long minutes = c.durationMinutes() == null ? null : wholeMinutes("duration_minutes", c.durationMinutes());
        if (c.durationHours() != null) {
            long fromHours = wholeMinutes("duration_hours", c.durationHours().multiply(BigDecimal.valueOf(60)));
            if (minutes != null && minutes != fromHours) {
                throw Decimals.invalid("duration_hours", "contradicts duration_minutes; send one or the other");
            }
            minutes = fromHours;
        }
        return minutes;
    }

    private static long wholeMinutes(String field, BigDecimal minutes) {
        if (minutes.signum() <= 0) {
            throw Decimals.invalid(field, "must be positive");
        }
        if (minutes.compareTo(BigDecimal.valueOf(MAX_DURATION_MINUTES)) > 0) {
            throw Decimals.invalid(field, "must be at most 366 days");
        }
        if (minutes.stripTrailingZeros().scale() > 0) {
            throw Decimals.invalid(field, "must be a whole number of minutes");
        }
        return minutes.longValueExact();
    }

    private static CandleInterval interval(String code) {
        return CandleInterval.parse(code.strip()).orElseThrow(() ->
                Decimals.invalid("candle_interval", "must be one of 1m, 5m, 15m, 1h, 4h, 1d (got '" + code + "')"));
    }

    /** Upper-cased, duplicates dropped, order kept; each must be a USDT spot symbol. */
    static List<String> pairs(List<String> requested) {
        if (requested.isEmpty()) {
            throw Decimals.invalid("pairs", "must name at least one pair");
        }
        if (requested.size() > MAX_PAIRS) {
            throw Decimals.invalid("pairs", "must name at most " + MAX_PAIRS + " pairs");
        }
        Set<String> pairs = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String raw = requested.get(i);
            String symbol = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
            if (!SYMBOL.matcher(symbol).matches()) {
                throw Decimals.invalid("pairs[" + i + "]", "must be a USDT pair such as BTCUSDT (got '" + raw + "')");
            }
            pairs.add(symbol);
        }
        return List.copyOf(new ArrayList<>(pairs));
    }

    private static void requireAllowedByPreset(String presetKey, List<String> pairs) {
        if (presetKey == null) {
            return;
        }
        Set<String> allowed = BattlePresets.require(presetKey).allowedPairs();
        if (!allowed.isEmpty() && !allowed.containsAll(pairs)) {
            throw Decimals.invalid("pairs", "preset " + presetKey + " allows only " + String.join(", ",
                    allowed.stream().sorted().toList()));
        }
    }

    private static BigDecimal lossLimit(BigDecimal pct) {
        if (pct.signum() <= 0 || pct.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw Decimals.invalid("loss_limit_pct", "must be greater than 0 and less than 100");
        }
        return pct.stripTrailingZeros().scale() < 0 ? pct.setScale(0) : pct.stripTrailingZeros();
    }

    /** A battle name: required, at most 100 characters, surrounding blanks dropped. */
    public static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw Decimals.invalid("name", "is required");
        }
        if (name.length() > 100) {
            throw Decimals.invalid("name", "must be at most 100 characters");
        }
        return name;
    }

}
