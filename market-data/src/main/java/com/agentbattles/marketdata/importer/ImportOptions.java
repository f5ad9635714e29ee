package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.CandleInterval;

/**
 * Overrides for files whose names do not say what they hold. Null fields mean "from the file name,
 * else from the data".
 */
public record ImportOptions(String symbol, CandleInterval interval) {

    public static final ImportOptions FROM_FILE_NAME = new ImportOptions(null, null);
}
