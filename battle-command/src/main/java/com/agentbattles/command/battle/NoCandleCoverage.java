package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for the candle store until the market-data part provides a
 * {@link HistoricalStartPreparer}: with no known coverage, no historical battle may start (the
 * spec: "you cannot start a historical battle unless the backtest data range covers the
 * configured dates"). Refusing keeps the log free of historical starts without a fingerprint.
 */
public final class NoCandleCoverage implements HistoricalStartPreparer {

    @Override
    public HistoricalStart prepare(String battleId, BattleConfig config) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("battle_id", battleId);
        details.put("pairs", config.pairs());
        details.put("candle_interval", config.candleInterval().code());
        if (config.hasWindow()) {
            details.put("start_time", config.startTime().toString());
            details.put("end_time", config.endTime().toString());
        }
        throw new DomainException(ErrorCode.DATA_NOT_COVERED,
                "no stored candles cover this historical battle's pairs and window", details);
    }

    /** Registers the stand-in only when nothing better is present. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        @ConditionalOnMissingBean(HistoricalStartPreparer.class)
        HistoricalStartPreparer noCandleCoverage() {
            return new NoCandleCoverage();
        }
    }
}
