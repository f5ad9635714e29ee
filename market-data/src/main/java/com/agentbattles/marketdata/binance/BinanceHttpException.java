package com.agentbattles.marketdata.binance;

/** A Binance HTTP request that failed for good (after the retries it deserved). */
public class BinanceHttpException extends RuntimeException {

    public BinanceHttpException(String message) {
        super(message);
    }

    public BinanceHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
