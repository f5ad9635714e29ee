package com.agentbattles.domain.battle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What decides the ranking of a battle; every metric is higher-is-better. */
public enum RankingMetric {
    ROI_PCT("roi_pct"),
    TOTAL_PNL("total_pnl"),
    SHARPE_RATIO("sharpe_ratio"),
    WIN_RATE("win_rate"),
    PROFIT_FACTOR("profit_factor");

    private final String code;

    RankingMetric(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static RankingMetric of(String code) {
        return parse("ranking_metric", code);
    }

    public static RankingMetric parse(String field, String code) {
        return WireNames.parse(RankingMetric.class, RankingMetric::code, field, code);
    }
}
