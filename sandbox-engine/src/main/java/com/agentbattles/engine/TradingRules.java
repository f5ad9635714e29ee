package com.agentbattles.engine;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.FeeSchedule;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything that decides an order besides the sandbox's own state: the tradable symbols, the
 * costs and the agent's risk profile. Identical for live and historical trading.
 *
 * @param symbols the pairs this sandbox may trade (a battle's pairs; all listed pairs when live)
 */
public record TradingRules(List<String> symbols, FeeSchedule fees, RiskConfig risk) {

    /** Binance's own floor: an order worth less than this is refused. */
    public static final BigDecimal MIN_ORDER_VALUE = BigDecimal.ONE;

    public TradingRules {
        symbols = List.copyOf(symbols);
    }
}
