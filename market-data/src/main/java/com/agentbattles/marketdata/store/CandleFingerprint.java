package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.Candle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of candles in a canonical text form, for the fingerprint a historical battle records
 * at its start: the same market data gives the same hash on any machine, whatever scale the
 * numbers were stored with ("42000.10" and "42000.1" are the same price).
 */
public final class CandleFingerprint {

    private CandleFingerprint() {
    }

    /** Hex SHA-256 over the candles in the order given (callers pass them in time order per symbol). */
    public static String of(List<Candle> candles) {
        MessageDigest sha = sha256();
        StringBuilder line = new StringBuilder(128);
        for (Candle c : candles) {
            line.setLength(0);
            line.append(c.symbol()).append('|').append(c.interval().code()).append('|')
                    .append(c.openTime().toEpochMilli()).append('|').append(plain(c.open())).append('|')
                    .append(plain(c.high())).append('|').append(plain(c.low())).append('|')
                    .append(plain(c.close())).append('|').append(plain(c.volume())).append('|')
                    .append(c.quoteVolume() == null ? "" : plain(c.quoteVolume())).append('|')
                    .append(c.tradeCount()).append('\n');
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
