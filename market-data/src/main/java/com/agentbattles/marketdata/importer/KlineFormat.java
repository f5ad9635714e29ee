package com.agentbattles.marketdata.importer;

/** The kline file layouts the importer reads. */
public enum KlineFormat {
    /** data.binance.vision CSV: 12 columns, with or without a header line. */
    BINANCE_CSV,
    /** The JSON array of arrays answered by {@code /api/v3/klines} (12 columns, numbers as strings). */
    BINANCE_JSON,
    /** {@code [open_time, open, high, low, close, volume]} arrays as saved by freqtrade/ccxt. */
    SIX_COLUMN_JSON
}
