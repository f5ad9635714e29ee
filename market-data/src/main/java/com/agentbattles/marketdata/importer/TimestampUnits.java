package com.agentbattles.marketdata.importer;

/**
 * Binance timestamps are epoch milliseconds (13 digits today) except in data.binance.vision spot
 * files from 2025 on, which use microseconds (16 digits). The digit count tells them apart.
 */
final class TimestampUnits {

    static final int MICROSECOND_DIGITS = 16;

    private TimestampUnits() {
    }

    static boolean isMicros(String digits) {
        String d = digits.startsWith("-") ? digits.substring(1) : digits;
        return d.length() >= MICROSECOND_DIGITS;
    }

    /** Epoch milliseconds of an integer timestamp in ms or µs; throws ArithmeticException/NumberFormatException. */
    static long toEpochMillis(String text) {
        // BigDecimal accepts the 1678900000000.0 or 1.6789E12 some tools write; fractions are refused
        long value = new java.math.BigDecimal(text.trim()).longValueExact();
        return isMicros(Long.toString(value)) ? Math.floorDiv(value, 1000L) : value;
    }
}
