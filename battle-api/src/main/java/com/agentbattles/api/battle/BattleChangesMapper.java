package com.agentbattles.api.battle;

import com.agentbattles.api.battle.BattleRequests.BacktestConfig;
import com.agentbattles.api.battle.BattleRequests.BattleRequest;
import com.agentbattles.api.battle.BattleRequests.ConfigFields;
import com.agentbattles.domain.battle.BattleConfigChanges;
import com.agentbattles.domain.battle.BattleConfigChanges.StepTimeout;
import com.fasterxml.jackson.databind.JsonNode;
import com.agentbattles.domain.common.Decimals;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Folds the request shapes into one {@link BattleConfigChanges}. A field may come from the top
 * level, {@code backtest_config} or {@code config}; saying the same thing twice is fine, saying
 * two different things is a 400 naming the field, since guessing which one was meant would be
 * worse than asking.
 */
final class BattleChangesMapper {

    private BattleChangesMapper() {
    }

    static BattleConfigChanges from(BattleRequest request) {
        BacktestConfig backtest = request.backtestConfig() != null ? request.backtestConfig()
                : new BacktestConfig(null, null, null, null);
        ConfigFields config = request.config() != null ? request.config() : emptyConfig();
        return new BattleConfigChanges(
                one("battle_mode", request.battleMode(), config.battleMode()),
                one("ranking_metric", request.rankingMetric(), config.rankingMetric()),
                one("starting_balance", request.startingBalance(), config.startingBalance()),
                one("duration_minutes", request.durationMinutes(), config.durationMinutes()),
                config.durationHours(),
                config.walletMode(),
                one("candle_interval", backtest.candleInterval(), config.candleInterval()),
                one("pairs", backtest.pairs(), config.pairs()),
                one("start_time", backtest.startTime(), config.startTime()),
                one("end_time", backtest.endTime(), config.endTime()),
                config.lossLimitPct(),
                config.clock(),
                stepTimeout(config.stepTimeoutSeconds()));
    }

    static BattleConfigChanges from(ConfigFields config) {
        ConfigFields c = config != null ? config : emptyConfig();
        return new BattleConfigChanges(c.battleMode(), c.rankingMetric(), c.startingBalance(), c.durationMinutes(),
                c.durationHours(), c.walletMode(), c.candleInterval(), c.pairs(), c.startTime(), c.endTime(),
                c.lossLimitPct(), c.clock(), stepTimeout(c.stepTimeoutSeconds()));
    }

    private static ConfigFields emptyConfig() {
        return new ConfigFields(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Jackson leaves an absent field null and gives an explicit JSON null as a NullNode: null there waits for ever. */
    private static StepTimeout stepTimeout(JsonNode seconds) {
        if (seconds == null) {
            return StepTimeout.UNSET;
        }
        if (seconds.isNull()) {
            return new StepTimeout(true, null);
        }
        if (!seconds.isNumber()) {
            throw Decimals.invalid("step_timeout_seconds", "must be a whole number of seconds, or null to wait for ever");
        }
        return new StepTimeout(true, seconds.decimalValue());
    }

    private static <T> T one(String field, T first, T second) {
        if (first == null) {
            return second;
        }
        if (second != null && !same(first, second)) {
            throw Decimals.invalid(field, "is given twice with different values");
        }
        return first;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
