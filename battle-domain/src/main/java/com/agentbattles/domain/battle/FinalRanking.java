package com.agentbattles.domain.battle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One participant's place in the final ranking of a battle, as the results endpoint shows it.
 * Metrics that cannot be computed (too few snapshots, no losing trade) are null.
 *
 * @param eliminatedAt survival battles: when the participant was eliminated, null if it survived
 */
public record FinalRanking(int rank, String agentId, String agentName, BigDecimal startingBalance,
                           BigDecimal finalEquity, BigDecimal roiPct, BigDecimal totalPnl, BigDecimal sharpeRatio,
                           BigDecimal maxDrawdownPct, BigDecimal winRate, BigDecimal profitFactor, long totalTrades,
                           Instant eliminatedAt) {

    /**
     * SHA-256 of the rankings in a canonical text form: a recomputation from the log must give
     * the same digest, which is how an audit replay proves the recorded results.
     */
    public static String digest(List<FinalRanking> rankings) {
        StringBuilder canonical = new StringBuilder("rankings/v1\n");
        for (FinalRanking r : rankings) {
            canonical.append(r.rank).append('|').append(r.agentId).append('|').append(plain(r.startingBalance))
                    .append('|').append(plain(r.finalEquity)).append('|').append(plain(r.roiPct))
                    .append('|').append(plain(r.totalPnl)).append('|').append(plain(r.sharpeRatio))
                    .append('|').append(plain(r.maxDrawdownPct)).append('|').append(plain(r.winRate))
                    .append('|').append(plain(r.profitFactor)).append('|').append(r.totalTrades)
                    .append('|').append(r.eliminatedAt == null ? "-" : r.eliminatedAt.toString()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }
}
