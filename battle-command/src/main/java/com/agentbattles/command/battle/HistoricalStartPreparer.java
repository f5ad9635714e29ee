package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.HistoricalStart;

/**
 * The seam between starting a historical battle and the candle store: checks that stored candles
 * cover the battle's pairs and window (resolving the latest fully covered window when the config
 * left it open) and fingerprints them. Called before {@code StartBattle}; its answer travels in
 * the command, and the aggregate checks it still fits its config.
 * {@link StoredCandleData} answers from the candle store.
 */
public interface HistoricalStartPreparer {

    /** @throws com.agentbattles.domain.error.DomainException DATA_NOT_COVERED when the data is missing */
    HistoricalStart prepare(String battleId, BattleConfig config);
}
